namespace Mooring.AspNetCore;

/// <summary>
/// TCP keep-alive and the TCP user timeout on the server's accepted sockets
/// (<see cref="Microsoft.AspNetCore.Hosting.McpKestrelExtensions.UseMcpTcpKeepAlive"/>).
/// A peer that vanished without FIN or RST (power loss, a NAT or load balancer that dropped its mapping) leaves a
/// half-open connection: an idle session-level GET stream would hold its socket, lease and buffers until the next SSE
/// heartbeat write fails, and a connection idle between requests until Kestrel's keep-alive timeout. Kernel probes
/// find such a peer within <see cref="Time"/> + <see cref="Interval"/> × <see cref="RetryCount"/> (60 s by default)
/// with no work in the application. Linux sends probes only while nothing waits to be acknowledged, so a peer that
/// vanished while the server had data in flight (a heartbeat on an SSE stream) is found by <see cref="UserTimeout"/>
/// instead. The keep-alive values are whole seconds because that is the unit of the socket options.
/// </summary>
public sealed class McpTcpKeepAliveOptions
{
    /// <summary>The longest accepted <see cref="UserTimeout"/>: 1 hour.</summary>
    public static readonly TimeSpan MaxUserTimeout = TimeSpan.FromHours(1);

    private TimeSpan _time = TimeSpan.FromSeconds(30);
    private TimeSpan _interval = TimeSpan.FromSeconds(10);
    private int _retryCount = 3;
    private TimeSpan _userTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Idle time before the first probe (<c>TCP_KEEPIDLE</c>). Default 30 s: the kernel default (2 hours) is far longer
    /// than the idle timeouts of NATs and load balancers (often 60–350 s), so probes sent that late find a mapping
    /// that is already gone; 30 s also keeps such mappings alive. A probe is a bare ACK, so the cost is negligible.
    /// Between 1 s and 32767 s, in whole seconds.
    /// </summary>
    public TimeSpan Time
    {
        get => _time;
        set => _time = WholeSeconds(value, nameof(Time));
    }

    /// <summary>
    /// Time between unanswered probes (<c>TCP_KEEPINTVL</c>). Default 10 s: a live peer answers a probe within a
    /// round trip, so a few seconds separate a lost packet from a dead peer. Between 1 s and 32767 s, in whole seconds.
    /// </summary>
    public TimeSpan Interval
    {
        get => _interval;
        set => _interval = WholeSeconds(value, nameof(Interval));
    }

    /// <summary>
    /// Unanswered probes before the kernel resets the connection (<c>TCP_KEEPCNT</c>). Default 3: tolerates two lost
    /// probes, and a dead peer is found 60 s after the connection went quiet. Between 1 and 127.
    /// </summary>
    public int RetryCount
    {
        get => _retryCount;
        set => _retryCount = value is >= 1 and <= 127 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "RetryCount must be between 1 and 127.");
    }

    /// <summary>
    /// How long sent data may stay unacknowledged before the kernel gives up on the connection (<c>TCP_USER_TIMEOUT</c>,
    /// Linux only). Default 60 s, the same as <see cref="Time"/> + <see cref="Interval"/> × <see cref="RetryCount"/>
    /// with their defaults, so a dead peer is found on the same schedule whether the connection was idle or the server
    /// had just written to it. Without it, a write to a vanished peer (an SSE heartbeat) keeps keep-alive from probing,
    /// because Linux only probes a connection with nothing in flight, and the kernel retransmits for about 15 minutes
    /// (<c>tcp_retries2</c>) before the pending send and receive fail. On Linux it also takes over from
    /// <see cref="RetryCount"/> once probes are going out: an idle connection is reset at the first unanswered probe
    /// sent after this much silence, so change it together with the keep-alive values (the defaults agree).
    /// <see cref="TimeSpan.Zero"/> turns it off (the kernel's retransmission limit applies). Otherwise between 1 s (a
    /// shorter one would cut healthy connections on a brief loss) and <see cref="MaxUserTimeout"/>, in whole
    /// milliseconds, the unit of the socket option. Other systems ignore it: Windows (<c>TCP_MAXRT</c>) and macOS
    /// (<c>TCP_RXT_CONNDROPTIME</c>) have their own, differently shaped options, so there the kernel's retransmission
    /// limit decides.
    /// </summary>
    public TimeSpan UserTimeout
    {
        get => _userTimeout;
        set => _userTimeout = value == TimeSpan.Zero || (value >= TimeSpan.FromSeconds(1) && value <= MaxUserTimeout && value.Ticks % TimeSpan.TicksPerMillisecond == 0)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"UserTimeout must be zero (off) or a whole number of milliseconds between 1 s and {MaxUserTimeout}.");
    }

    private static TimeSpan WholeSeconds(TimeSpan value, string name) =>
        value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromSeconds(short.MaxValue) && value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a whole number of seconds between 1 and {short.MaxValue}.");
}
