namespace Mooring.Server;

/// <summary>
/// One unit of a budget, held until <see cref="End"/> (or <see cref="Dispose"/>, which ends it as completed). Ending
/// is idempotent: the first reason wins, so racing owners (a disconnect and a completion) cannot release twice. The
/// lease is timed from its creation on the governor's clock, and the time held is recorded when it ends (see
/// <see cref="McpResourceGovernor.Release(McpBudget, McpEndReason, TimeSpan)"/>).
/// </summary>
public sealed class McpLease : IDisposable
{
    private readonly McpResourceGovernor _governor;
    private readonly long _startedAt;
    private int _ended;

    internal McpLease(McpResourceGovernor governor, McpBudget budget, long startedAt)
    {
        _governor = governor;
        Budget = budget;
        _startedAt = startedAt;
    }

    /// <summary>The budget this lease holds a unit of.</summary>
    public McpBudget Budget { get; }

    /// <summary>True once ended.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) == 1;

    /// <summary>Ends the lease with <paramref name="reason"/>; later calls do nothing. Returns true for the call that ended it.</summary>
    public bool End(McpEndReason reason)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return false;
        }

        _governor.Release(Budget, reason, _governor.TimeProvider.GetElapsedTime(_startedAt));
        return true;
    }

    /// <summary>Ends the lease as <see cref="McpEndReason.Completed"/> if nothing ended it before.</summary>
    public void Dispose() => End(McpEndReason.Completed);
}
