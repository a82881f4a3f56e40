using Mooring.Probe.Observation;

namespace Mooring.Probe.Results;

/// <summary>
/// The figures of one scenario, reduced from its samples. "Before" is the last sample before the scenario, "max" the
/// peak during it and the settle, "end" the last sample of the settle. Null: not observed (no /proc, no --pid).
/// </summary>
internal sealed record ScenarioSummary(
    int? CloseWaitBefore, int? CloseWaitMax, int? CloseWaitEnd,
    int? EstablishedBefore, int? EstablishedMax, int? EstablishedEnd,
    int? TimeWaitMax, int? TimeWaitEnd,
    int? ThreadsStart, int? ThreadsMax, int? ThreadsEnd,
    long? RssStart, long? RssMax, long? RssEnd,
    HealthStats HealthDuring, HealthStats HealthAfter, bool? LastHealthFailed)
{
    public static ScenarioSummary From(IReadOnlyList<Sample> samples, IReadOnlyList<HealthSample> health)
    {
        var first = samples.Count > 0 ? samples[0] : null;
        var last = samples.Count > 0 ? samples[^1] : null;
        var before = samples.LastOrDefault(s => s.Phase == Phase.Before) ?? first;
        var sockets = samples.Where(s => s.Sockets is not null).Select(s => s.Sockets!.Value).ToList();
        var threads = samples.Where(s => s.Threads is not null).Select(s => s.Threads!.Value).ToList();
        var rss = samples.Where(s => s.RssBytes is not null).Select(s => s.RssBytes!.Value).ToList();
        var after = health.Where(h => h.Phase == Phase.After).ToList();
        return new ScenarioSummary(
            before?.Sockets?.CloseWait, sockets.Count == 0 ? null : sockets.Max(s => s.CloseWait), last?.Sockets?.CloseWait,
            before?.Sockets?.Established, sockets.Count == 0 ? null : sockets.Max(s => s.Established), last?.Sockets?.Established,
            sockets.Count == 0 ? null : sockets.Max(s => s.TimeWait), last?.Sockets?.TimeWait,
            first?.Threads, threads.Count == 0 ? null : threads.Max(), last?.Threads,
            first?.RssBytes, rss.Count == 0 ? null : rss.Max(), last?.RssBytes,
            HealthStats.From(health.Where(h => h.Phase == Phase.During)),
            HealthStats.From(after),
            after.Count == 0 ? null : after[^1].LatencyMs is null);
    }
}
