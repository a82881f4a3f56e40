using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>
/// Opens legacy sessions (initialize, then notifications/initialized), <see cref="LoadGenOptions.Connections"/> at
/// a time over keep-alive connections, and leaves them idle. The server keeps them until they expire.
/// </summary>
internal static class SessionOpener
{
    /// <summary>A connection that fails this many handshakes in a row stops; the failures are counted.</summary>
    private const int MaxConsecutiveFailures = 100;

    /// <summary>The outcome: the session ids, failures by outcome, and how long it took.</summary>
    public sealed record Opened(IReadOnlyList<string> SessionIds, long[] ErrorsByOutcome, long WithoutSessionId, TimeSpan Elapsed);

    public static async Task<Opened> OpenAsync(LoadGenOptions options, int count, CancellationToken abort)
    {
        var ids = new string?[count];
        var errors = new long[Enum.GetValues<ExchangeOutcome>().Length];
        long withoutId = 0;
        var next = -1;
        var start = Stopwatch.GetTimestamp();

        async Task OpenSomeAsync()
        {
            var initialize = McpRequests.Initialize(options.Url);
            var exchange = new RpcExchange();
            HttpConnection? connection = null;
            var failures = 0;
            try
            {
                int index;
                while (failures < MaxConsecutiveFailures && !abort.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < count)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
                    timeout.CancelAfter(options.RequestTimeout);
                    ExchangeOutcome outcome;
                    try
                    {
                        connection ??= await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token, HttpConnection.SmallBufferSize);
                        outcome = await exchange.ExchangeAsync(connection, initialize, McpRequests.FixedId, expectResponse: true,
                            captureSessionId: true, timeout.Token);
                        var sessionId = connection.SessionId;
                        if (outcome == ExchangeOutcome.Ok)
                        {
                            if (!connection.Reusable)
                            {
                                connection.Dispose();
                                connection = await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token, HttpConnection.SmallBufferSize);
                            }

                            outcome = await exchange.ExchangeAsync(connection, McpRequests.Initialized(options.Url, sessionId), McpRequests.FixedId,
                                expectResponse: false, captureSessionId: false, timeout.Token);
                        }

                        if (outcome == ExchangeOutcome.Ok)
                        {
                            if (sessionId is null)
                            {
                                Interlocked.Increment(ref withoutId);
                            }
                            else
                            {
                                ids[index] = sessionId;
                            }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        outcome = ExchangeOutcome.Timeout;
                    }
                    catch (SocketException)
                    {
                        outcome = ExchangeOutcome.SocketError;
                    }

                    if (outcome == ExchangeOutcome.Ok && connection!.Reusable)
                    {
                        failures = 0;
                        continue;
                    }

                    if (outcome != ExchangeOutcome.Ok)
                    {
                        failures++;
                        Interlocked.Increment(ref errors[(int)outcome]);
                    }

                    connection?.Dispose();
                    connection = null;
                }
            }
            finally
            {
                connection?.Dispose();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(count, options.Connections)).Select(_ => Task.Run(OpenSomeAsync)));
        return new Opened([.. ids.OfType<string>()], errors, withoutId, Stopwatch.GetElapsedTime(start));
    }
}
