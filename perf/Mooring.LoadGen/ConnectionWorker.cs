using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>
/// Drives one keep-alive connection: sends tools/call requests back to back from the start until the end of the
/// measured period, recording the latency of those that start and finish inside it. Reconnects after any error.
/// </summary>
internal sealed class ConnectionWorker : IDisposable
{
    /// <summary>A worker that fails this many times in a row stops: the server is gone, and the errors are already counted.</summary>
    private const int MaxConsecutiveFailures = 1000;

    private readonly LoadGenOptions _options;
    private readonly byte[] _request;
    private readonly int _idOffset;
    private readonly bool _matchIds;
    private readonly bool _requireProgress;
    private readonly long _maxRequests;
    private readonly RpcExchange _exchange = new();
    private long _nextId;
    private HttpConnection? _connection;
    private CancellationTokenSource _timeout;

    public ConnectionWorker(int index, LoadGenOptions options, string? sessionId, CancellationToken abort)
    {
        _options = options;
        _matchIds = options.Mode != LoadMode.Raw;
        _requireProgress = options.Progress;

        // Raw mode sends the same bytes minus the session header, so the ceiling parses a request of the same size.
        // One progress token per connection: a connection has one request in flight, so tokens are never shared.
        var shape = options.Mode switch
        {
            LoadMode.Modern => RequestShape.Modern,
            LoadMode.Raw => options.Shape,
            _ => RequestShape.Legacy,
        };
        _request = McpRequests.ToolsCall(options.Url, shape, sessionId, options.Tool, options.Progress ? McpRequests.FirstIdOf(index) : null, out _idOffset);
        _nextId = McpRequests.FirstIdOf(index);
        _maxRequests = Math.Max(1, options.MaxRequests / options.Connections);
        Abort = abort;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
    }

    /// <summary>The run's hard deadline; each request's timeout is linked to it.</summary>
    public CancellationToken Abort { get; }

    public LatencyHistogram Latency { get; } = new();

    /// <summary>Failed requests started in the measured period, by outcome.</summary>
    public long[] Errors { get; } = new long[Enum.GetValues<ExchangeOutcome>().Length];

    public long WarmupRequests { get; private set; }

    public long WarmupErrors { get; private set; }

    /// <summary>Connection attempts after the first: after errors, or because the server ended the connection.</summary>
    public long Reconnects { get; private set; }

    /// <summary>True when the worker stopped early after <see cref="MaxConsecutiveFailures"/> failures in a row.</summary>
    public bool GaveUp { get; private set; }

    public async Task<bool> ConnectAsync()
    {
        ResetTimeout();
        try
        {
            _connection = await HttpConnection.ConnectAsync(_options.EndPoint, _timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async Task RunAsync(long warmupEnd, long measureEnd)
    {
        long sent = 0;
        var consecutiveFailures = 0;
        while (sent < _maxRequests && consecutiveFailures < MaxConsecutiveFailures && !Abort.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= measureEnd)
            {
                return;
            }

            var measured = start >= warmupEnd;
            var connection = _connection;
            if (connection is null)
            {
                Reconnects++;
                if (!await ConnectAsync())
                {
                    consecutiveFailures++;
                    CountError(ExchangeOutcome.SocketError, measured);

                    // Refused connections fail at once; a short pause keeps a dead server from turning this into a spin.
                    await Task.Delay(10);
                    continue;
                }

                connection = _connection!;
                start = Stopwatch.GetTimestamp();
            }

            var id = _nextId++;
            var expectedId = _matchIds ? id : JsonRpcInspector.AnyId;
            if (_matchIds)
            {
                McpRequests.WriteId(_request, _idOffset, id);
            }

            sent++;
            ResetTimeout();
            var token = _timeout.Token;
            ExchangeOutcome outcome;
            try
            {
                // RpcExchange.ExchangeAsync, inline: awaiting only the socket's own ValueTasks allocates nothing per request.
                var pending = _request.AsMemory();
                while (!pending.IsEmpty)
                {
                    pending = pending[await connection.SendSomeAsync(pending, token)..];
                }

                _exchange.Start(expectedId, expectResponse: true, captureSessionId: false, McpRequests.EchoTextUtf8, _requireProgress);
                ExchangeOutcome? done;
                while ((done = _exchange.Advance(connection)) is null)
                {
                    _exchange.OnReceived(connection, await connection.ReceiveSomeAsync(token));
                }

                outcome = done.Value;
            }
            catch (OperationCanceledException)
            {
                outcome = ExchangeOutcome.Timeout;
            }
            catch (SocketException)
            {
                outcome = ExchangeOutcome.SocketError;
            }

            if (outcome == ExchangeOutcome.Ok)
            {
                consecutiveFailures = 0;
                var end = _exchange.ResponseTimestamp;
                if (!measured)
                {
                    WarmupRequests++;
                }
                else if (end <= measureEnd)
                {
                    Latency.RecordTicks(start, end);
                }

                if (!connection.Reusable)
                {
                    CloseConnection();
                }
            }
            else
            {
                consecutiveFailures++;
                CountError(outcome, measured);
                CloseConnection();
            }
        }

        GaveUp = consecutiveFailures >= MaxConsecutiveFailures;
    }

    public void Dispose()
    {
        CloseConnection();
        _timeout.Dispose();
    }

    private void CountError(ExchangeOutcome outcome, bool measured)
    {
        if (measured)
        {
            Errors[(int)outcome]++;
        }
        else
        {
            WarmupErrors++;
        }
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Restarts the per-request timeout. Reuses the source unless it fired, so a request does not allocate one.</summary>
    private void ResetTimeout()
    {
        if (!_timeout.TryReset())
        {
            _timeout.Dispose();
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(Abort);
        }

        _timeout.CancelAfter(_options.RequestTimeout);
    }
}
