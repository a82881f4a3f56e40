namespace Mooring.Server;

/// <summary>
/// Caps of the resources the server holds (<see cref="McpBudget"/>). When a cap is reached new work is refused with a
/// clear answer (HTTP 503 with <c>Retry-After</c>, or a JSON-RPC error), never a hang. Each default says why.
/// </summary>
public sealed class McpServerLimits
{
    private int _maxSessions = 10_000;
    private int _maxConcurrentRequests = 10_000;
    private int _maxConcurrentRequestsPerSession = 100;
    private int _maxDetachedRequests = 1_000;
    private int _maxGetStreams = 10_000;
    private int _maxPostStreams = 10_000;
    private int _maxListenStreams = 10_000;
    private int _maxTasks = 1_000;
    private int _maxConcurrentSynchronousHandlers = Math.Max(4, Environment.ProcessorCount);

    /// <summary>
    /// Live sessions, idle or not. Default 10,000: about 2 KB each when idle, so ~20 MB, and far above what one node
    /// serves well. At the cap the least recently used idle session is evicted; if none is idle, 503.
    /// </summary>
    public int MaxSessions { get => _maxSessions; set => _maxSessions = Positive(value, nameof(MaxSessions)); }

    /// <summary>Handlers running at once across all sessions. Default 10,000: bounds memory held by in-flight work.</summary>
    public int MaxConcurrentRequests { get => _maxConcurrentRequests; set => _maxConcurrentRequests = Positive(value, nameof(MaxConcurrentRequests)); }

    /// <summary>Handlers running at once in one session. Default 100: one client cannot take the whole server.</summary>
    public int MaxConcurrentRequestsPerSession { get => _maxConcurrentRequestsPerSession; set => _maxConcurrentRequestsPerSession = Positive(value, nameof(MaxConcurrentRequestsPerSession)); }

    /// <summary>
    /// Handlers still running after their client disconnected, waiting to be resumed. Default 1,000: beyond it, a
    /// handler whose client leaves is cancelled at once instead of being kept for resumption.
    /// </summary>
    public int MaxDetachedRequests { get => _maxDetachedRequests; set => _maxDetachedRequests = Positive(value, nameof(MaxDetachedRequests)); }

    /// <summary>Open GET (session) SSE streams. Default 10,000: one per session at the session cap.</summary>
    public int MaxGetStreams { get => _maxGetStreams; set => _maxGetStreams = Positive(value, nameof(MaxGetStreams)); }

    /// <summary>Open POST response SSE streams. Default 10,000, like the request cap they answer.</summary>
    public int MaxPostStreams { get => _maxPostStreams; set => _maxPostStreams = Positive(value, nameof(MaxPostStreams)); }

    /// <summary>
    /// Open <c>subscriptions/listen</c> streams (modern era). Default 10,000: like GET streams, one per client is usual;
    /// each costs a socket, a bounded queue and a heartbeat timer. Beyond it the request gets 503 with <c>Retry-After</c>.
    /// </summary>
    public int MaxListenStreams { get => _maxListenStreams; set => _maxListenStreams = Positive(value, nameof(MaxListenStreams)); }

    /// <summary>
    /// Tasks held at once, running or finished and kept for their lifetime (<see cref="McpTaskOptions"/>). Default 1,000:
    /// each holds its result in memory until it expires. Beyond it a task-augmented call is refused as busy.
    /// </summary>
    public int MaxTasks { get => _maxTasks; set => _maxTasks = Positive(value, nameof(MaxTasks)); }

    /// <summary>
    /// Handlers whose methods are synchronous (they may block their thread) running at once; more wait their turn
    /// without holding a thread. Default: the processor count, at least 4. With
    /// <see cref="ReserveThreadsForSynchronousHandlers"/>, blocking tool code can never take every thread-pool thread, so
    /// health checks and other requests keep being served.
    /// </summary>
    public int MaxConcurrentSynchronousHandlers { get => _maxConcurrentSynchronousHandlers; set => _maxConcurrentSynchronousHandlers = Positive(value, nameof(MaxConcurrentSynchronousHandlers)); }

    /// <summary>
    /// When true (default), the server raises the thread pool's minimum worker threads to
    /// <see cref="MaxConcurrentSynchronousHandlers"/> plus twice the processor count (never lowers it), so threads blocked
    /// in synchronous handlers leave enough free threads that no request waits for the pool to grow.
    /// </summary>
    public bool ReserveThreadsForSynchronousHandlers { get; set; } = true;

    /// <summary>The cap of <paramref name="budget"/>.</summary>
    public int CapOf(McpBudget budget) => budget switch
    {
        McpBudget.Sessions => MaxSessions,
        McpBudget.Handlers => MaxConcurrentRequests,
        McpBudget.DetachedHandlers => MaxDetachedRequests,
        McpBudget.GetStreams => MaxGetStreams,
        McpBudget.PostStreams => MaxPostStreams,
        McpBudget.ListenStreams => MaxListenStreams,
        McpBudget.Tasks => MaxTasks,
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, null),
    };

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
}
