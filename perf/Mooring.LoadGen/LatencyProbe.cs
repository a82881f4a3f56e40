using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>
/// Measures how quickly the server answers something small while it is busy with something else: one request at a
/// time on a keep-alive connection of its own, a pause of <see cref="LoadGenOptions.ProbeInterval"/> between them.
/// </summary>
internal sealed class LatencyProbe : IDisposable
{
    /// <summary>Ids of the tools/call probe: a connection index no load connection uses (they stop at 4096).</summary>
    private const int ProbeConnectionIndex = 8000;

    /// <summary>A bound on requests per period on top of the time bound.</summary>
    private const int MaxSamples = 1_000_000;

    private readonly LoadGenOptions _options;
    private readonly byte[] _request;
    private readonly int _idOffset;
    private readonly byte[]? _expectedText;
    private readonly RpcExchange _exchange = new();
    private long _nextId = McpRequests.FirstIdOf(ProbeConnectionIndex);
    private HttpConnection? _connection;

    private LatencyProbe(LoadGenOptions options, byte[] request, int idOffset, byte[]? expectedText)
    {
        _options = options;
        _request = request;
        _idOffset = idOffset;
        _expectedText = expectedText;
    }

    /// <summary>GET <see cref="LoadGenOptions.HealthPath"/>: any 2xx answer counts.</summary>
    public static LatencyProbe Health(LoadGenOptions options) =>
        new(options, McpRequests.Get(options.Url, options.HealthPath ?? throw new InvalidOperationException("No health path.")), idOffset: -1, expectedText: null);

    /// <summary>tools/call echo, legacy in <paramref name="sessionId"/> or modern without one: the answer must be the echo.</summary>
    public static LatencyProbe ToolsCall(LoadGenOptions options, RequestShape shape, string? sessionId) =>
        new(options, McpRequests.ToolsCall(options.Url, shape, sessionId, McpRequests.EchoTool, progressToken: null, out var idOffset), idOffset, McpRequests.EchoTextUtf8);

    /// <summary>Probes from now until <paramref name="until"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public async Task<ProbeResult> RunAsync(long until, CancellationToken abort)
    {
        var latency = new LatencyHistogram();
        long errors = 0;
        for (var i = 0; i < MaxSamples && Stopwatch.GetTimestamp() < until && !abort.IsCancellationRequested; i++)
        {
            var outcome = await ExchangeAsync(abort);
            if (outcome.Outcome == ExchangeOutcome.Ok)
            {
                latency.RecordTicks(outcome.Start, _exchange.ResponseTimestamp);
            }
            else
            {
                errors++;
            }

            try
            {
                await Task.Delay(_options.ProbeInterval, abort);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new ProbeResult(latency, errors);
    }

    public void Dispose() => _connection?.Dispose();

    private async Task<(ExchangeOutcome Outcome, long Start)> ExchangeAsync(CancellationToken abort)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(_options.RequestTimeout);
        var start = Stopwatch.GetTimestamp();
        try
        {
            // A new connection is part of the measured time: a server too busy to accept is what the probe is for.
            _connection ??= await HttpConnection.ConnectAsync(_options.EndPoint, timeout.Token, HttpConnection.SmallBufferSize);
            var expectedId = JsonRpcInspector.AnyId;
            if (_idOffset >= 0)
            {
                expectedId = _nextId++;
                McpRequests.WriteId(_request, _idOffset, expectedId);
            }

            var outcome = await _exchange.ExchangeAsync(_connection, _request, expectedId, expectResponse: _idOffset >= 0,
                captureSessionId: false, timeout.Token, _expectedText);
            if (outcome != ExchangeOutcome.Ok || !_connection.Reusable)
            {
                Close();
            }

            return (outcome, start);
        }
        catch (OperationCanceledException)
        {
            Close();
            return (ExchangeOutcome.Timeout, start);
        }
        catch (SocketException)
        {
            Close();
            return (ExchangeOutcome.SocketError, start);
        }
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
