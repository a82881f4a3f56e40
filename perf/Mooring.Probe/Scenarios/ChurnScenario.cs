using Mooring.Probe.Http;
using Mooring.Probe.Mcp;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// The load-balancer pattern that leaked a Java server: connect, initialize, initialized, tools/call, then FIN
/// without DELETE, over and over. A server that never completes the exchange for a closed peer piles up CLOSE-WAIT.
/// </summary>
internal static class ChurnScenario
{
    public static Task RunAsync(ScenarioContext context) =>
        Workers.RunAsync(context, context.Settings.Cycles, context.Settings.Concurrency, context.Settings.Duration,
            async (_, _, cancellationToken) =>
            {
                using var client = context.NewClient();
                var init = await client.InitializeAsync(cancellationToken);
                if (!init.IsResult)
                {
                    return "initialize: " + init.Describe();
                }

                context.Tally.SessionOpened();
                if (context.Tools.Call is { } call)
                {
                    var reply = await client.RequestAsync(McpMethods.ToolsCall, McpClient.ToolCall(call.Name, call.Arguments), cancellationToken);
                    if (!reply.IsResult)
                    {
                        return "tools/call: " + reply.Describe();
                    }
                }

                client.Close(CloseMode.Fin);
                return null;
            });
}
