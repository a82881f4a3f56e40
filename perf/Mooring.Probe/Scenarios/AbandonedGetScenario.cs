using Mooring.Probe.Http;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Opens a session's GET stream, sees it answered, and vanishes without DELETE: half the streams end with FIN,
/// half with RST (seeded). The server must notice either way and release the stream.
/// </summary>
internal static class AbandonedGetScenario
{
    public static Task RunAsync(ScenarioContext context) =>
        Workers.RunAsync(context, context.Settings.Cycles, context.Settings.Concurrency, context.Settings.Duration,
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
                var stream = await RawHttpConnection.ConnectAsync(context.Target.EndPoint, cancellationToken);
                try
                {
                    await stream.SendAsync(client.BuildGetStream(), cancellationToken);
                    var head = await stream.ReadHeadAsync(cancellationToken);
                    if (head.StatusCode == 405)
                    {
                        context.Tally.Note("The server offers no GET stream (405): abandoned-get only abandons sessions.");
                    }
                    else if (!head.IsSuccess || !head.IsEventStream)
                    {
                        return $"GET stream: HTTP {head.StatusCode}";
                    }
                }
                finally
                {
                    stream.Close(mode);
                }

                client.Close(mode);
                return null;
            });
}
