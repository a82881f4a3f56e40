using Mooring.AspNetCore;

namespace Mooring.Host;

/// <summary>
/// Kestrel limits of the host (configuration section <c>Mooring:Kestrel</c>), applied by
/// <see cref="HostKestrelExtensions.ConfigureMooringKestrel"/>. The server holds long-lived SSE streams next to short
/// requests, so each limit is chosen to stop abusive or dead peers without touching a healthy stream that is idle
/// between heartbeats. Every default states its value and why; setters reject values Kestrel would not accept.
/// </summary>
internal sealed class MooringKestrelOptions
{
    private static readonly TimeSpan MinGracePeriod = TimeSpan.FromSeconds(1); // Kestrel's heartbeat: it checks rates once a second

    private TimeSpan _requestHeadersTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(130);
    private double _minRequestBodyDataRate = 240;
    private TimeSpan _minRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(5);
    private double _minResponseDataRate = 240;
    private TimeSpan _minResponseDataRateGracePeriod = TimeSpan.FromSeconds(5);
    private long? _maxRequestBodySize;
    private long? _maxConcurrentConnections;
    private readonly McpTcpKeepAliveOptions _tcpKeepAlive = new();

    /// <summary>
    /// Time a client has to send the request line and all headers, counted from their first byte. Default 10 s
    /// (Kestrel's is 30 s): headers are a few hundred bytes that any real client sends at once, so a client still
    /// trickling them after 10 s is a slowloris holding a connection open; 10 s still leaves room for slow mobile
    /// links. It ends when the headers are complete, so it never applies to a streaming response.
    /// </summary>
    public TimeSpan RequestHeadersTimeout
    {
        get => _requestHeadersTimeout;
        set => _requestHeadersTimeout = Positive(value, nameof(RequestHeadersTimeout));
    }

    /// <summary>
    /// How long a connection may sit idle between requests (and before its first one). Default 130 s (Kestrel's is
    /// 130 s too, stated here on purpose): longer than the idle timeouts of common load balancers and proxies (AWS ALB
    /// 60 s, many nginx setups 75 s, Azure 4 minutes is the exception), so the balancer, not the server, closes a
    /// pooled upstream connection first and never sends a request onto a connection the server is closing. It does not
    /// apply while a request is running, so an open SSE stream is never cut by it.
    /// </summary>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        set => _keepAliveTimeout = Positive(value, nameof(KeepAliveTimeout));
    }

    /// <summary>
    /// Slowest accepted request body upload, in bytes per second, after <see cref="MinRequestBodyDataRateGracePeriod"/>;
    /// 0 turns it off. Default 240 B/s, Kestrel's default: it only counts while the server waits for body bytes that
    /// are due, so it stops a client trickling a POST body without affecting a GET stream (which has no body) or an
    /// SSE answer to a POST (whose body was read in full before the stream opened).
    /// </summary>
    public double MinRequestBodyDataRate
    {
        get => _minRequestBodyDataRate;
        set => _minRequestBodyDataRate = NonNegative(value, nameof(MinRequestBodyDataRate));
    }

    /// <summary>Grace before <see cref="MinRequestBodyDataRate"/> applies. Default 5 s (Kestrel's); more than 1 s.</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod
    {
        get => _minRequestBodyDataRateGracePeriod;
        set => _minRequestBodyDataRateGracePeriod = Grace(value, nameof(MinRequestBodyDataRateGracePeriod));
    }

    /// <summary>
    /// Slowest accepted response download, in bytes per second, after <see cref="MinResponseDataRateGracePeriod"/>;
    /// 0 turns it off. Default 240 B/s with 5 s grace, Kestrel's default, and safe for SSE: Kestrel times a response
    /// only while a flush is waiting for the client (its write-rate check runs only when an awaited write is pending,
    /// and each write's deadline is grace + size / rate from when it started). A stream idle between heartbeats has no
    /// pending write, and a heartbeat to a healthy client completes at once, so idle-but-healthy streams are never
    /// aborted; a client that stopped reading (zero TCP window) is aborted after about 5 s, the same verdict as the
    /// transport's <c>WriteTimeout</c>, so the socket and buffers are freed either way.
    /// </summary>
    public double MinResponseDataRate
    {
        get => _minResponseDataRate;
        set => _minResponseDataRate = NonNegative(value, nameof(MinResponseDataRate));
    }

    /// <summary>Grace before <see cref="MinResponseDataRate"/> applies. Default 5 s (Kestrel's); more than 1 s.</summary>
    public TimeSpan MinResponseDataRateGracePeriod
    {
        get => _minResponseDataRateGracePeriod;
        set => _minResponseDataRateGracePeriod = Grace(value, nameof(MinResponseDataRateGracePeriod));
    }

    /// <summary>
    /// Largest request body Kestrel accepts on any endpoint, in bytes. Default null: the value of
    /// <c>Mooring:Http:MaxRequestBodySize</c> (4 MiB unless configured), so the MCP endpoint and Kestrel agree and the
    /// other endpoints (health, metrics) accept no more than MCP does, instead of Kestrel's 30 MB.
    /// </summary>
    public long? MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set => _maxRequestBodySize = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRequestBodySize must be positive.");
    }

    /// <summary>
    /// Most open connections; further ones are closed at accept. Default null, unlimited (Kestrel's default): what
    /// the server holds is capped where it is known (sessions, streams, handlers: <c>Mooring:Limits</c>), and a fixed
    /// connection cap would also refuse health probes under load. Set it to protect file descriptors on small hosts.
    /// </summary>
    public long? MaxConcurrentConnections
    {
        get => _maxConcurrentConnections;
        set => _maxConcurrentConnections = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConcurrentConnections must be positive.");
    }

    /// <summary>
    /// Whether accepted sockets use TCP keep-alive (<see cref="McpTcpKeepAliveOptions"/>). Default true: it is how a
    /// half-open peer (gone without FIN) on an idle connection is found, at the cost of a bare ACK every 30 s.
    /// </summary>
    public bool TcpKeepAlive { get; set; } = true;

    /// <summary>Idle time before the first keep-alive probe. Default 30 s (see <see cref="McpTcpKeepAliveOptions.Time"/>).</summary>
    public TimeSpan TcpKeepAliveTime
    {
        get => _tcpKeepAlive.Time;
        set => _tcpKeepAlive.Time = value;
    }

    /// <summary>Time between unanswered probes. Default 10 s (see <see cref="McpTcpKeepAliveOptions.Interval"/>).</summary>
    public TimeSpan TcpKeepAliveInterval
    {
        get => _tcpKeepAlive.Interval;
        set => _tcpKeepAlive.Interval = value;
    }

    /// <summary>Unanswered probes before the connection is reset. Default 3 (see <see cref="McpTcpKeepAliveOptions.RetryCount"/>).</summary>
    public int TcpKeepAliveRetryCount
    {
        get => _tcpKeepAlive.RetryCount;
        set => _tcpKeepAlive.RetryCount = value;
    }

    /// <summary>
    /// How long sent data may stay unacknowledged before the connection is dropped (<c>TCP_USER_TIMEOUT</c>, Linux
    /// only; applied with <see cref="TcpKeepAlive"/>). Default 60 s, matching the keep-alive total (30 s + 10 s × 3):
    /// without it, an SSE stream whose peer vanished right after a heartbeat is never probed and lingers about 15
    /// minutes. 0 turns it off (see <see cref="McpTcpKeepAliveOptions.UserTimeout"/>).
    /// </summary>
    public TimeSpan TcpUserTimeout
    {
        get => _tcpKeepAlive.UserTimeout;
        set => _tcpKeepAlive.UserTimeout = value;
    }

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    private static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 (off) or a positive number of bytes per second.");

    // Kestrel's MinDataRate requires a grace period longer than its one-second heartbeat.
    private static TimeSpan Grace(TimeSpan value, string name) =>
        value > MinGracePeriod ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than 1 second.");
}
