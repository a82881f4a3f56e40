using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>
/// One churning client at a time: per cycle a new connection, <c>initialize</c>, <c>notifications/initialized</c>,
/// a tools/call echo in the new session, then the connection is closed without a DELETE, as clients that just go
/// away do. The server is left to expire or evict the session.
/// </summary>
internal sealed class ChurnWorker
{
    /// <summary>A worker that fails this many cycles in a row stops: the server is gone, and the errors are already counted.</summary>
    private const int MaxConsecutiveFailures = 200;

    private readonly LoadGenOptions _options;
    private readonly byte[] _initialize;
    private readonly RpcExchange _exchange = new();
    private readonly long _maxCycles;

    public ChurnWorker(LoadGenOptions options)
    {
        _options = options;
        _initialize = McpRequests.Initialize(options.Url);
        _maxCycles = Math.Max(1, options.MaxRequests / 3 / options.Connections);
    }

    /// <summary>Cycles started and completed in the measured period, connect to the tools/call answer.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Failed cycles started in the measured period, by the outcome of the step that failed.</summary>
    public long[] Errors { get; } = new long[Enum.GetValues<ExchangeOutcome>().Length];

    /// <summary>Cycles whose initialize answer had no <c>MCP-Session-Id</c> (the server is not keeping sessions).</summary>
    public long CyclesWithoutSession { get; private set; }

    public long WarmupCycles { get; private set; }

    public bool GaveUp { get; private set; }

    public async Task RunAsync(long warmupEnd, long measureEnd, CancellationToken abort)
    {
        var failures = 0;
        for (long cycle = 0; cycle < _maxCycles && failures < MaxConsecutiveFailures && !abort.IsCancellationRequested; cycle++)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureEnd)
            {
                return;
            }

            var measured = start >= warmupEnd;
            var outcome = await CycleAsync(abort);
            if (outcome == ExchangeOutcome.Ok)
            {
                failures = 0;
                var end = _exchange.ResponseTimestamp;
                if (!measured)
                {
                    WarmupCycles++;
                }
                else if (end <= measureEnd)
                {
                    Latency.RecordTicks(start, end);
                }
            }
            else
            {
                failures++;
                if (measured)
                {
                    Errors[(int)outcome]++;
                }

                if (outcome == ExchangeOutcome.SocketError)
                {
                    await Task.Delay(10, CancellationToken.None);   // a refused connect fails at once: no spin
                }
            }
        }

        GaveUp = failures >= MaxConsecutiveFailures;
    }

    private async Task<ExchangeOutcome> CycleAsync(CancellationToken abort)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpConnection? connection = null;
        try
        {
            connection = await HttpConnection.ConnectAsync(_options.EndPoint, timeout.Token, HttpConnection.SmallBufferSize);
            var outcome = await _exchange.ExchangeAsync(connection, _initialize, McpRequests.FixedId, expectResponse: true,
                captureSessionId: true, timeout.Token);
            if (outcome != ExchangeOutcome.Ok)
            {
                return outcome;
            }

            var sessionId = connection.SessionId;
            if (sessionId is null)
            {
                CyclesWithoutSession++;
            }

            if (!connection.Reusable)
            {
                return ExchangeOutcome.Closed;   // a churn cycle is one connection; a server that closes it breaks the cycle
            }

            outcome = await _exchange.ExchangeAsync(connection, McpRequests.Initialized(_options.Url, sessionId), McpRequests.FixedId,
                expectResponse: false, captureSessionId: false, timeout.Token);
            if (outcome != ExchangeOutcome.Ok)
            {
                return outcome;
            }

            if (!connection.Reusable)
            {
                return ExchangeOutcome.Closed;
            }

            var call = McpRequests.ToolsCall(_options.Url, RequestShape.Legacy, sessionId, McpRequests.EchoTool, progressToken: null, out _);
            return await _exchange.ExchangeAsync(connection, call, McpRequests.FixedId, expectResponse: true,
                captureSessionId: false, timeout.Token, McpRequests.EchoTextUtf8);
        }
        catch (OperationCanceledException)
        {
            return ExchangeOutcome.Timeout;
        }
        catch (SocketException)
        {
            return ExchangeOutcome.SocketError;
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
