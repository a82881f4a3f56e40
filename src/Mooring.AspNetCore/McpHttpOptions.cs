namespace Mooring.AspNetCore;

/// <summary>
/// Options of the Streamable HTTP transport (configuration section <c>Mooring:Http</c> in the host). Every default
/// is stated with its reason.
/// </summary>
public sealed class McpHttpOptions
{
    private long _maxRequestBodySize = 4 * 1024 * 1024;
    private TimeSpan _sessionIdleTimeout = TimeSpan.FromMinutes(10);
    private TimeSpan _sseRetryInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _resumeWindow = TimeSpan.FromSeconds(60);
    private int _maxQueuedMessagesPerStream = 256;
    private int _maxBatchSize = 100;
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(15);
    private TimeSpan _writeTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _drainTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _keepAliveInterval = TimeSpan.FromSeconds(30);
    private TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(10);
    private int _keepAliveMaxFailures = 3;

    /// <summary>
    /// Host names (without port) accepted in the <c>Host</c> header; <c>*</c> accepts any. Default: loopback names
    /// only (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>), the DNS-rebinding protection a local server needs.
    /// A server behind a proxy or on a LAN lists its public names here.
    /// </summary>
    public IList<string> AllowedHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) accepted in the <c>Origin</c> header; <c>*</c> accepts any. Requests
    /// without <c>Origin</c> (non-browser clients) are always accepted. Default: empty, meaning only origins whose
    /// host is a loopback name, so a web page on another site cannot drive a local server (spec MUST: 403).
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Largest accepted POST body in bytes. Default 4 MiB: room for base64 images in arguments, small enough that a
    /// hostile client cannot make the server buffer much. Larger bodies get 413.
    /// </summary>
    public long MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set => _maxRequestBodySize = value is >= 1024 and <= 1L << 30 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRequestBodySize must be between 1 KiB and 1 GiB.");
    }

    /// <summary>
    /// When true (default), a POST must send an <c>Accept</c> header allowing both <c>application/json</c> and
    /// <c>text/event-stream</c> (the spec's client MUST), and a GET one allowing <c>text/event-stream</c>; others get
    /// 406. Wildcards (<c>*/*</c>, <c>application/*</c>, <c>text/*</c>) count. False skips the check.
    /// </summary>
    public bool RequireAcceptHeader { get; set; } = true;

    /// <summary>
    /// How long a session may go without requests or an open stream before it is ended. Default 10 minutes: long
    /// enough for a paused conversation, short enough that abandoned sessions (clients that never DELETE) go away.
    /// </summary>
    public TimeSpan SessionIdleTimeout
    {
        get => _sessionIdleTimeout;
        set => _sessionIdleTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "SessionIdleTimeout must be positive.");
    }

    /// <summary>
    /// When true (default), SSE events carry ids, are kept in the event store, and a client can resume a broken
    /// stream with <c>GET</c> + <c>Last-Event-ID</c>.
    /// </summary>
    public bool EnableResumability { get; set; } = true;

    /// <summary>
    /// The <c>retry</c> hint sent before the server closes a stream for the client to reconnect. Default 1 s: quick
    /// to resume, slow enough not to hammer the server.
    /// </summary>
    public TimeSpan SseRetryInterval
    {
        get => _sseRetryInterval;
        set => _sseRetryInterval = value >= TimeSpan.Zero && value <= TimeSpan.FromHours(1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "SseRetryInterval must be between 0 and 1 hour.");
    }

    /// <summary>
    /// How long a handler whose client disconnected from its SSE stream keeps running so that its result can still be
    /// delivered by resumption. After that its cancellation token fires. Default 60 s.
    /// </summary>
    public TimeSpan ResumeWindow
    {
        get => _resumeWindow;
        set => _resumeWindow = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ResumeWindow must not be negative.");
    }

    /// <summary>
    /// Messages a stream may hold waiting to be written. Default 256: a burst of progress and log notifications fits;
    /// a client that stops reading cannot grow server memory. Lossy notifications are dropped when full; other
    /// senders wait.
    /// </summary>
    public int MaxQueuedMessagesPerStream
    {
        get => _maxQueuedMessagesPerStream;
        set => _maxQueuedMessagesPerStream = value is >= 1 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxQueuedMessagesPerStream must be between 1 and 100000.");
    }

    /// <summary>Largest JSON-RPC batch accepted from a 2025-03-26 client. Default 100.</summary>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        set => _maxBatchSize = value is >= 1 and <= 10_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxBatchSize must be between 1 and 10000.");
    }

    /// <summary>
    /// How long an SSE stream may stay silent before the server writes a comment heartbeat. Default 15 s: below the
    /// idle timeouts of common proxies and load balancers (often 30–60 s), and a dead peer is found by the failed write.
    /// </summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        set => _heartbeatInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "HeartbeatInterval must be positive.");
    }

    /// <summary>
    /// How long one SSE write may take. A write that does not complete in time means the client stopped reading (or
    /// vanished): the connection is aborted so its socket and buffers are released. Default 10 s: a healthy client
    /// drains an event in milliseconds; a stalled one must not hold memory for long.
    /// </summary>
    public TimeSpan WriteTimeout
    {
        get => _writeTimeout;
        set => _writeTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "WriteTimeout must be positive.");
    }

    /// <summary>
    /// On shutdown (SIGTERM), how long in-flight handlers get to finish after new work is refused and streams are
    /// closed with a <c>retry</c> hint. Default 10 s: a third of the host's default 30 s shutdown timeout, so the process
    /// always exits on its own.
    /// </summary>
    public TimeSpan DrainTimeout
    {
        get => _drainTimeout;
        set => _drainTimeout = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "DrainTimeout must not be negative.");
    }

    /// <summary>
    /// How often a session with an open GET stream is sent a <c>ping</c>. Default 30 s: a dead client is found within
    /// about two minutes (with the defaults below) at one small request per session per half minute.
    /// <see cref="TimeSpan.Zero"/> turns keep-alive pings off.
    /// </summary>
    public TimeSpan KeepAliveInterval
    {
        get => _keepAliveInterval;
        set => _keepAliveInterval = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "KeepAliveInterval must not be negative.");
    }

    /// <summary>How long a keep-alive <c>ping</c> waits for the client's answer before it counts as failed. Default 10 s.</summary>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        set => _keepAliveTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "KeepAliveTimeout must be positive.");
    }

    /// <summary>Consecutive failed keep-alive pings after which the session is evicted. Default 3: one lost ping is not a dead client.</summary>
    public int KeepAliveMaxFailures
    {
        get => _keepAliveMaxFailures;
        set => _keepAliveMaxFailures = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "KeepAliveMaxFailures must be at least 1.");
    }

    /// <summary>When true (default), a client may end its session with DELETE; false answers DELETE with 405.</summary>
    public bool AllowClientSessionTermination { get; set; } = true;
}
