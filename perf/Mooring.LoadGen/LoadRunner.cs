using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>One run: the handshake, the connections, warm-up, the measured period, then a DELETE of the session.</summary>
internal static class LoadRunner
{
    /// <summary>Past warm-up, duration and one request timeout, this much more ends the run by cancellation; workers normally stop long before.</summary>
    private static readonly TimeSpan HardDeadlineSlack = TimeSpan.FromSeconds(10);

    public static async Task<LoadResult> RunAsync(LoadGenOptions options)
    {
        using var abort = new CancellationTokenSource();
        abort.CancelAfter((options.RequestTimeout * 3) + options.Warmup + options.Duration + HardDeadlineSlack);

        string? sessionId = null;
        if (options.Mode == LoadMode.Legacy)
        {
            var (error, id) = await HandshakeAsync(options, abort.Token);
            if (error is not null)
            {
                return new LoadResult { Options = options, SetupError = error };
            }

            sessionId = id;
        }

        var workers = new ConnectionWorker[options.Connections];
        try
        {
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = new ConnectionWorker(i, options, sessionId, abort.Token);
            }

            // Every connection is open before the clock starts; one that failed is retried (and counted) in the loop.
            await Task.WhenAll(workers.Select(w => w.ConnectAsync()));

            var start = Stopwatch.GetTimestamp();
            var warmupEnd = start + ToTicks(options.Warmup);
            var measureEnd = warmupEnd + ToTicks(options.Duration);
            var counters = WindowCounters.MeasureAsync(warmupEnd, measureEnd, options.ServerPid, abort.Token);
            await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(warmupEnd, measureEnd))));
            var window = await counters;

            var result = new LoadResult
            {
                Options = options,
                HadSession = sessionId is not null,
                WarmupRequests = workers.Sum(w => w.WarmupRequests),
                WarmupErrors = workers.Sum(w => w.WarmupErrors),
                Reconnects = workers.Sum(w => w.Reconnects),
                WorkersGaveUp = workers.Count(w => w.GaveUp),
                Window = window,
            };
            foreach (var worker in workers)
            {
                result.Latency.Add(worker.Latency);
                for (var i = 0; i < worker.Errors.Length; i++)
                {
                    result.ErrorsByOutcome[i] += worker.Errors[i];
                }
            }

            if (sessionId is not null)
            {
                await DeleteSessionAsync(options, sessionId, abort.Token);
            }

            return result;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker?.Dispose();
            }
        }
    }

    /// <summary>initialize, then notifications/initialized; returns the session id the server gave, if any.</summary>
    public static async Task<(string? Error, string? SessionId)> HandshakeAsync(LoadGenOptions options, CancellationToken abort)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(options.RequestTimeout);
        var exchange = new RpcExchange();
        HttpConnection? connection = null;
        try
        {
            connection = await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token);
            var outcome = await exchange.ExchangeAsync(connection, McpRequests.Initialize(options.Url), McpRequests.FixedId,
                expectResponse: true, captureSessionId: true, timeout.Token);
            if (outcome != ExchangeOutcome.Ok)
            {
                return ($"initialize: {outcome} (HTTP {connection.StatusCode})", null);
            }

            var sessionId = connection.SessionId;
            if (!connection.Reusable)
            {
                connection.Dispose();
                connection = await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token);
            }

            outcome = await exchange.ExchangeAsync(connection, McpRequests.Initialized(options.Url, sessionId), McpRequests.FixedId,
                expectResponse: false, captureSessionId: false, timeout.Token);
            return outcome == ExchangeOutcome.Ok
                ? (null, sessionId)
                : ($"notifications/initialized: {outcome} (HTTP {connection.StatusCode})", null);
        }
        catch (OperationCanceledException)
        {
            return ($"handshake: no answer within {options.RequestTimeout.TotalSeconds} s", null);
        }
        catch (SocketException ex)
        {
            return ($"handshake: {ex.SocketErrorCode}", null);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Ends the session politely; a failure here is reported on stderr and changes no figure.</summary>
    private static async Task DeleteSessionAsync(LoadGenOptions options, string sessionId, CancellationToken abort)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var connection = await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token);
            var outcome = await new RpcExchange().ExchangeAsync(connection, McpRequests.Delete(options.Url, sessionId),
                JsonRpcInspector.AnyId, expectResponse: false, captureSessionId: false, timeout.Token);
            if (outcome != ExchangeOutcome.Ok)
            {
                await Console.Error.WriteLineAsync($"note: DELETE of the session gave {outcome}, HTTP {connection.StatusCode}");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            await Console.Error.WriteLineAsync($"note: DELETE of the session failed: {ex.GetType().Name}");
        }
    }

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
