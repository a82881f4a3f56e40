namespace Mooring.AspNetCore;

/// <summary>
/// TCP keep-alive on the server's accepted sockets (<see cref="Microsoft.AspNetCore.Hosting.McpKestrelExtensions.UseMcpTcpKeepAlive"/>).
/// A peer that vanished without FIN or RST (power loss, a NAT or load balancer that dropped its mapping) leaves a
/// half-open connection: an idle session-level GET stream would hold its socket, lease and buffers until the next SSE
/// heartbeat write fails, and a connection idle between requests until Kestrel's keep-alive timeout. Kernel probes
/// find such a peer within <see cref="Time"/> + <see cref="Interval"/> × <see cref="RetryCount"/> (60 s by default)
/// with no work in the application. The values are whole seconds because that is the unit of the socket options.
/// </summary>
public sealed class McpTcpKeepAliveOptions
{
    private TimeSpan _time = TimeSpan.FromSeconds(30);
    private TimeSpan _interval = TimeSpan.FromSeconds(10);
    private int _retryCount = 3;

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

    private static TimeSpan WholeSeconds(TimeSpan value, string name) =>
        value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromSeconds(short.MaxValue) && value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a whole number of seconds between 1 and {short.MaxValue}.");
}
