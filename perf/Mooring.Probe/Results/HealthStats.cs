using Mooring.Probe.Observation;

namespace Mooring.Probe.Results;

/// <summary>Health latency over a phase: checks, failures (errors and timeouts), and percentiles of the successful ones.</summary>
internal sealed record HealthStats(int Checks, int Failures, double? P50Ms, double? P99Ms, double? MaxMs)
{
    public static HealthStats From(IEnumerable<HealthSample> samples)
    {
        var list = samples.ToList();
        var ok = list.Where(s => s.LatencyMs is not null).Select(s => s.LatencyMs!.Value).Order().ToList();
        return new HealthStats(list.Count, list.Count - ok.Count, Percentile(ok, 0.50), Percentile(ok, 0.99), ok.Count == 0 ? null : ok[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
