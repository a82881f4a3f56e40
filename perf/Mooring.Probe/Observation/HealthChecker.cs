using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mooring.Probe.Http;

namespace Mooring.Probe.Observation;

/// <summary>
/// Measures how fast the server answers while a scenario runs: GET on its health URL over a fresh connection
/// (Connection: close, so the check holds nothing afterwards), or, when the server has no health URL, the time
/// to complete a TCP connect to its port. A check that errs or exceeds <see cref="Timeout"/> is a failure.
/// </summary>
internal sealed class HealthChecker
{
    /// <summary>1 s: far above a healthy loopback answer (about a millisecond), short enough to sample every 250 ms.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly IPEndPoint _endPoint;
    private readonly byte[]? _request;

    private HealthChecker(IPEndPoint endPoint, byte[]? request, string description)
    {
        _endPoint = endPoint;
        _request = request;
        Description = description;
    }

    /// <summary>What is measured, for the report.</summary>
    public string Description { get; }

    public static HealthChecker ForHttp(Uri url, IPEndPoint endPoint)
    {
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        var request = HttpRequestBuilder.Build("GET", url.PathAndQuery, host, [new("Connection", "close")], body: null);
        return new HealthChecker(endPoint, request, $"GET {url}");
    }

    public static HealthChecker ForTcpConnect(IPEndPoint endPoint, string why) =>
        new(endPoint, request: null, $"TCP connect latency to {endPoint} ({why})");

    /// <summary>One check: latency in ms and the HTTP status (0 for TCP mode or a failure), or null latency on failure.</summary>
    public async Task<(double? LatencyMs, int Status)> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        RawHttpConnection? connection = null;
        try
        {
            connection = await RawHttpConnection.ConnectAsync(_endPoint, timeout.Token);
            if (_request is null)
            {
                return (watch.Elapsed.TotalMilliseconds, 0);
            }

            await connection.SendAsync(_request, timeout.Token);
            var head = await connection.ReadHeadAsync(timeout.Token);
            var latency = watch.Elapsed.TotalMilliseconds;
            return (head.IsSuccess ? latency : null, head.StatusCode);
        }
        catch (OperationCanceledException)
        {
            // A timeout is a failed check; when the observer is stopping, its loop drops the result.
            return (null, 0);
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            return (null, 0);
        }
        finally
        {
            // RST: a health check must not leave its own socket in the server's CLOSE-WAIT or TIME-WAIT figures.
            connection?.Close(CloseMode.Rst);
        }
    }
}
