using Mooring.Probe.Http;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Holds many long-lived GET streams (one session each) open for the hold time, then drops them all at once with
/// FIN, as a restarting load balancer would. Every stream's socket should leave CLOSE-WAIT within moments.
/// </summary>
internal static class AbandonedStreamsScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var held = new System.Collections.Concurrent.ConcurrentBag<RawHttpConnection>();
        try
        {
            await Workers.RunAsync(context, context.Settings.Cycles, context.Settings.Concurrency, context.Settings.Duration,
                async (_, _, cancellationToken) =>
                {
                    using var client = context.NewClient();
                    var init = await client.InitializeAsync(cancellationToken);
                    if (!init.IsResult)
                    {
                        return "initialize: " + init.Describe();
                    }

                    context.Tally.SessionOpened();
                    var stream = await RawHttpConnection.ConnectAsync(context.Target.EndPoint, cancellationToken);
                    held.Add(stream);
                    await stream.SendAsync(client.BuildGetStream(), cancellationToken);
                    var head = await stream.ReadHeadAsync(cancellationToken);
                    if (head.StatusCode == 405)
                    {
                        context.Tally.Note("The server offers no GET stream (405): nothing is held.");
                        return null;
                    }

                    return head.IsSuccess && head.IsEventStream ? null : $"GET stream: HTTP {head.StatusCode}";
                });

            context.Tally.Note($"{held.Count} streams held for {context.Settings.Hold.TotalSeconds:0.#} s, then dropped at once with FIN.");
            await Task.Delay(context.Settings.Hold, context.Cancellation);
        }
        finally
        {
            foreach (var stream in held)
            {
                stream.Close(CloseMode.Fin);
            }
        }
    }
}
