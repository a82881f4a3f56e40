using Mooring.Probe.Http;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Initializes many sessions and never deletes them, on few keep-alive connections: sockets stay flat, so what grows
/// is the server's per-session state. A server should cap sessions or evict idle ones; the RSS per session is reported.
/// </summary>
internal static class SessionFloodScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var connections = new RawHttpConnection?[Math.Max(1, context.Settings.Concurrency)];
        try
        {
            await Workers.RunAsync(context, context.Settings.Cycles, context.Settings.Concurrency, context.Settings.Duration,
                async (_, worker, cancellationToken) =>
                {
                    // One connection per worker, reused across sessions; replaced when the server closes it.
                    using var client = context.NewClient();
                    client.Adopt(connections[worker]);
                    connections[worker] = null;
                    var init = await client.InitializeAsync(cancellationToken);
                    connections[worker] = client.Release();
                    if (!init.IsResult)
                    {
                        return "initialize: " + init.Describe();
                    }

                    context.Tally.SessionOpened();
                    return null;
                });
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection?.Close(CloseMode.Fin);
            }
        }
    }
}
