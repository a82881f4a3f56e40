using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Runs items 0..count-1 on a fixed number of workers until every item ran or the time bound passed.
/// Each item gets its own timeout; a failure is counted by reason and never stops the others.
/// </summary>
internal static class Workers
{
    /// <summary>The body returns null on success or a failure reason; exceptions are mapped to reasons by <see cref="Describe"/>.</summary>
    public static async Task RunAsync(ScenarioContext context, int count, int concurrency, TimeSpan duration,
        Func<int, int, CancellationToken, Task<string?>> body)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        timeCap.CancelAfter(duration);

        async Task WorkerAsync(int worker)
        {
            while (!timeCap.IsCancellationRequested && clock.Elapsed < duration)
            {
                var item = Interlocked.Increment(ref next);
                if (item >= count)
                {
                    return;
                }

                context.Tally.Attempt();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(timeCap.Token);
                timeout.CancelAfter(context.OperationTimeout);
                string? failure;
                try
                {
                    failure = await body(item, worker, timeout.Token);
                }
                catch (Exception e) when (IsExpected(e))
                {
                    // The time bound ending an item mid-way is not the server's failure.
                    if (timeCap.IsCancellationRequested)
                    {
                        return;
                    }

                    failure = Describe(e);
                }

                if (failure is null)
                {
                    context.Tally.Complete();
                }
                else
                {
                    context.Tally.Fail(failure);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, count))).Select(WorkerAsync));
    }

    public static bool IsExpected(Exception e) =>
        e is SocketException or IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException;

    /// <summary>A short, stable reason for a failed exchange, so equal failures add up in one row.</summary>
    public static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timeout",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.ConnectionReset } => "reset by server",
        SocketException s => $"socket error {s.SocketErrorCode}",
        IOException { InnerException: SocketException s } => s.SocketErrorCode == SocketError.ConnectionReset ? "reset by server" : $"socket error {s.SocketErrorCode}",
        IOException => "closed by server",
        InvalidDataException => "malformed HTTP response",
        _ => e.GetType().Name,
    };
}
