using System.Diagnostics;
using System.Text;
using Mooring.Probe.Http;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Many connections each sending a request head one byte at a time, never finishing it within the scenario's
/// duration. A server should time out slow heads (Kestrel: 30 s) and stay healthy meanwhile; one that gives each
/// connection a thread runs dry. Reports how many the server closed and when.
/// </summary>
internal static class SlowlorisScenario
{
    /// <summary>100 ms per byte: slow enough that a head of several hundred bytes outlasts any bounded run.</summary>
    private static readonly TimeSpan ByteInterval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(ScenarioContext context)
    {
        var head = Encoding.ASCII.GetBytes(
            $"POST {context.Target.PathAndQuery} HTTP/1.1\r\nHost: {context.Target.HostHeader}\r\n" +
            $"Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n" +
            $"X-Probe-Padding: {new string('p', 1024)}\r\n\r\n");
        var closedAfter = new System.Collections.Concurrent.ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        timeCap.CancelAfter(context.Settings.Duration);

        async Task OneAsync(int item)
        {
            context.Tally.Attempt();
            RawHttpConnection connection;
            try
            {
                connection = await RawHttpConnection.ConnectAsync(context.Target.EndPoint, timeCap.Token);
            }
            catch (Exception e) when (Workers.IsExpected(e))
            {
                if (!timeCap.IsCancellationRequested)
                {
                    context.Tally.Fail("connect: " + Workers.Describe(e));
                }

                return;
            }

            try
            {
                // Start at a seeded offset in time so the bytes do not arrive in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(context.RandomFor(item).Next((int)ByteInterval.TotalMilliseconds)), timeCap.Token);
                for (var i = 0; i < head.Length && !timeCap.IsCancellationRequested; i++)
                {
                    if (connection.PeerHasSpoken())
                    {
                        // The server answered or cut the slow head off: its defence worked, and the cycle is done.
                        closedAfter.Add(clock.Elapsed.TotalSeconds);
                        context.Tally.Complete();
                        return;
                    }

                    await connection.SendAsync(head.AsMemory(i, 1), timeCap.Token);
                    await Task.Delay(ByteInterval, timeCap.Token);
                }

                context.Tally.Complete();
            }
            catch (OperationCanceledException)
            {
                context.Tally.Complete(); // held until the end: the expected outcome within a bounded run
            }
            catch (Exception e) when (Workers.IsExpected(e))
            {
                // A reset or closed connection while sending the head: the server cut it off, as it should.
                closedAfter.Add(clock.Elapsed.TotalSeconds);
                context.Tally.Complete();
            }
            finally
            {
                connection.Close(CloseMode.Fin);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, context.Settings.Cycles).Select(OneAsync));
        context.Tally.Note(closedAfter.IsEmpty
            ? $"The server kept all {context.Settings.Cycles} slow connections open for {context.Settings.Duration.TotalSeconds:0.#} s."
            : $"The server closed {closedAfter.Count} of {context.Settings.Cycles} slow connections after {closedAfter.Min():0.0}-{closedAfter.Max():0.0} s.");
    }
}
