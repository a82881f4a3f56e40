using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Mooring.Server;

/// <summary>
/// The one place that knows what the server holds. Every resource is taken as a lease against a budget with a cap
/// (<see cref="McpServerLimits"/>): <see cref="TryAcquire"/> refuses when the cap is reached, <see cref="Release(McpBudget, McpEndReason)"/> ends
/// it with a reason. It publishes the held amounts as gauges (<c>mcp.server.leases.held</c>) and counts ends by
/// reason (<c>mcp.server.leases.ended</c>) and refusals (<c>mcp.server.leases.refused</c>), and records how long
/// sessions and streams lived (<c>mcp.server.session.duration</c>, <c>mcp.server.stream.duration</c>, in seconds);
/// tests ask <see cref="Held"/> that every budget is back to its idle value after a fault storm. It also shows what waits
/// to go out: messages in the per-stream queues of <see cref="TrackQueue(object, Func{object, int})"/>
/// (<c>mcp.server.outbound.queue.messages</c>) and bytes written to responses that the client has not taken yet (<c>mcp.server.outbound.queue.bytes</c>, see
/// <see cref="AddUnflushedBytes"/>); both are bounded per stream by the transport and go back to 0 when nothing is sent.
/// </summary>
public sealed class McpResourceGovernor
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Mooring.Server.Leases";

    private static readonly McpBudget[] Budgets = Enum.GetValues<McpBudget>();
    private static readonly string[] BudgetNames = [.. Budgets.Select(b => ToSnakeCase(b.ToString()))];
    private static readonly string[] ReasonNames = [.. Enum.GetValues<McpEndReason>().Select(r => ToSnakeCase(r.ToString()))];

    private readonly long[] _held = new long[Budgets.Length];
    private readonly ConcurrentDictionary<object, Func<object, int>> _queues = new(ReferenceEqualityComparer.Instance);
    private long _unflushedBytes;
    private readonly McpServerLimits _limits;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _sessionDuration;
    private readonly Histogram<double> _streamDuration;

    /// <summary>Creates the governor with the caps of <see cref="McpServerOptions.Limits"/>.</summary>
    /// <param name="options">The server options; their <see cref="McpServerOptions.Limits"/> are the caps.</param>
    /// <param name="meterFactory">Creates the <see cref="MeterName"/> meter.</param>
    /// <param name="timeProvider">The clock that times leases; <see cref="TimeProvider.System"/> when null.</param>
    public McpResourceGovernor(IOptions<McpServerOptions> options, IMeterFactory meterFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _limits = options.Value.Limits;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Meter meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("mcp.server.leases.held", ObserveHeld, "{lease}", "Resources the server holds now, by budget.");
        _ended = meter.CreateCounter<long>("mcp.server.leases.ended", "{lease}", "Leases ended, by budget and reason.");
        _refused = meter.CreateCounter<long>("mcp.server.leases.refused", "{lease}", "Leases refused because their budget was full.");
        _sessionDuration = meter.CreateHistogram<double>("mcp.server.session.duration", "s", "How long sessions lived, by end reason.");
        _streamDuration = meter.CreateHistogram<double>("mcp.server.stream.duration", "s", "How long SSE streams stayed open, by budget (get_streams, post_streams) and end reason.");
        meter.CreateObservableGauge("mcp.server.outbound.queue.messages", QueuedMessages, "{message}", "Messages waiting in per-stream queues to be written.");
        meter.CreateObservableGauge("mcp.server.outbound.queue.bytes", UnflushedBytes, "By", "Bytes written to responses and not yet taken by their clients.");
    }

    /// <summary>Messages waiting now in the queues registered with <see cref="TrackQueue(object, Func{object, int})"/>.</summary>
    public long QueuedMessages()
    {
        long total = 0;
        foreach (KeyValuePair<object, Func<object, int>> queue in _queues)
        {
            total += queue.Value(queue.Key);
        }

        return total;
    }

    /// <summary>Bytes written to responses whose flush has not completed (the client has not taken them yet).</summary>
    public long UnflushedBytes() => Interlocked.Read(ref _unflushedBytes);

    /// <summary>
    /// Counts <paramref name="owner"/>'s queue in <c>mcp.server.outbound.queue.messages</c> until <see cref="UntrackQueue"/>:
    /// <paramref name="depth"/> is read only when the gauge is observed, so queuing a message costs nothing extra.
    /// </summary>
    public void TrackQueue(object owner, Func<int> depth)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(depth);
        _queues[owner] = _ => depth();
    }

    /// <summary>
    /// As <see cref="TrackQueue(object, Func{int})"/>, with <paramref name="depth"/> given the owner: a static lambda
    /// then serves every queue of its kind, where the other overload costs a delegate (and usually a closure) per queue.
    /// </summary>
    public void TrackQueue(object owner, Func<object, int> depth)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(depth);
        _queues[owner] = depth;
    }

    /// <summary>Stops counting <paramref name="owner"/>'s queue (it ended).</summary>
    public void UntrackQueue(object owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        _queues.TryRemove(owner, out _);
    }

    /// <summary>Adds <paramref name="bytes"/> (negative to remove) to the bytes waiting for a slow client.</summary>
    public void AddUnflushedBytes(long bytes) => Interlocked.Add(ref _unflushedBytes, bytes);

    /// <summary>How many queues are tracked now (each is one open stream or stdio session).</summary>
    public int TrackedQueues => _queues.Count;

    /// <summary>The clock that times leases (<see cref="McpLease"/> records its duration from it).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How much of <paramref name="budget"/> is held now.</summary>
    public long Held(McpBudget budget) => Interlocked.Read(ref _held[(int)budget]);

    /// <summary>The cap of <paramref name="budget"/>.</summary>
    public int Cap(McpBudget budget) => _limits.CapOf(budget);

    /// <summary>Everything held now, by budget.</summary>
    public IReadOnlyDictionary<McpBudget, long> Snapshot() => Budgets.ToDictionary(b => b, Held);

    /// <summary>Takes one unit of <paramref name="budget"/>; false (and counted as refused) when the cap is reached.</summary>
    public bool TryAcquire(McpBudget budget)
    {
        ref long held = ref _held[(int)budget];
        int cap = _limits.CapOf(budget);
        while (true)
        {
            long current = Volatile.Read(ref held);
            if (current >= cap)
            {
                _refused.Add(1, new KeyValuePair<string, object?>("mcp.budget", BudgetNames[(int)budget]));
                return false;
            }

            if (Interlocked.CompareExchange(ref held, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back one unit of <paramref name="budget"/>, recording why.</summary>
    public void Release(McpBudget budget, McpEndReason reason) => ReleaseCore(budget, reason);

    /// <summary>
    /// Gives back one unit of <paramref name="budget"/>, recording why and how long it was held: sessions in
    /// <c>mcp.server.session.duration</c>, streams in <c>mcp.server.stream.duration</c>. Other budgets have no duration
    /// histogram here (request durations are <c>mcp.server.request.duration</c> of <see cref="McpServerMetrics"/>), so for
    /// them this is <see cref="Release(McpBudget, McpEndReason)"/>.
    /// </summary>
    public void Release(McpBudget budget, McpEndReason reason, TimeSpan heldFor)
    {
        ReleaseCore(budget, reason);
        switch (budget)
        {
            case McpBudget.Sessions when _sessionDuration.Enabled:
                _sessionDuration.Record(Seconds(heldFor), new KeyValuePair<string, object?>("mcp.end_reason", ReasonNames[(int)reason]));
                break;
            case McpBudget.GetStreams or McpBudget.PostStreams or McpBudget.ListenStreams when _streamDuration.Enabled:
                _streamDuration.Record(
                    Seconds(heldFor),
                    new KeyValuePair<string, object?>("mcp.budget", BudgetNames[(int)budget]),
                    new KeyValuePair<string, object?>("mcp.end_reason", ReasonNames[(int)reason]));
                break;
        }
    }

    private void ReleaseCore(McpBudget budget, McpEndReason reason)
    {
        long now = Interlocked.Decrement(ref _held[(int)budget]);
        System.Diagnostics.Debug.Assert(now >= 0, $"Released more {budget} than acquired.");
        if (_ended.Enabled)
        {
            _ended.Add(1, new KeyValuePair<string, object?>("mcp.budget", BudgetNames[(int)budget]), new KeyValuePair<string, object?>("mcp.end_reason", ReasonNames[(int)reason]));
        }
    }

    /// <summary>Takes a lease object that releases exactly once; null when the cap is reached.</summary>
    public McpLease? TryLease(McpBudget budget) => TryAcquire(budget) ? new McpLease(this, budget, TimeProvider.GetTimestamp()) : null;

    // A wall clock stepped backwards (sessions are timed by CreatedAt) must not record a negative duration.
    private static double Seconds(TimeSpan heldFor) => heldFor > TimeSpan.Zero ? heldFor.TotalSeconds : 0;

    private IEnumerable<Measurement<long>> ObserveHeld()
    {
        for (int i = 0; i < Budgets.Length; i++)
        {
            yield return new Measurement<long>(Interlocked.Read(ref _held[i]), new KeyValuePair<string, object?>("mcp.budget", BudgetNames[i]));
        }
    }

    private static string ToSnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
