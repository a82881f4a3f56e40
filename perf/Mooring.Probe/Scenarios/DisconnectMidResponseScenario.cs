using Mooring.Probe.Http;
using Mooring.Probe.Mcp;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Calls a slow tool and closes (FIN or RST, seeded) before the answer. The server's handler should be cancelled and
/// its socket closed; a server that waits for the tool and then writes into a dead socket holds both meanwhile.
/// </summary>
internal static class DisconnectMidResponseScenario
{
    /// <summary>300 ms: after the request is surely read and dispatched, long before a 2 s tool answers.</summary>
    private static readonly TimeSpan DisconnectAfter = TimeSpan.FromMilliseconds(300);

    public static Task RunAsync(ScenarioContext context)
    {
        if (context.Tools.Slow is not { } slow)
        {
            context.Tally.Note("No tool to call: skipped.");
            return Task.CompletedTask;
        }

        return Workers.RunAsync(context, context.Settings.Cycles, context.Settings.Concurrency, context.Settings.Duration,
            async (item, _, cancellationToken) =>
            {
                var mode = context.RandomFor(item).Next(2) == 0 ? CloseMode.Fin : CloseMode.Rst;
                using var client = context.NewClient();
                var init = await client.InitializeAsync(cancellationToken);
                if (!init.IsResult)
                {
                    return "initialize: " + init.Describe();
                }

                context.Tally.SessionOpened();
                var connection = await client.ConnectionAsync(cancellationToken);
                await connection.SendAsync(client.BuildRequest(McpMethods.ToolsCall, McpClient.ToolCall(slow.Name, slow.Arguments)), cancellationToken);
                await Task.Delay(DisconnectAfter, cancellationToken);
                client.Close(mode);
                return null;
            });
    }
}
