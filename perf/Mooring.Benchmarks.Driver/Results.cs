namespace Mooring.Benchmarks.Driver;

/// <summary>Every run's record, and the medians and ratios the report shows.</summary>
internal sealed class Results
{
    private readonly List<RunRecord> _records = [];

    public IReadOnlyList<RunRecord> Records => _records;

    public void Add(RunRecord record) => _records.Add(record);

    public IEnumerable<RunRecord> Of(string scenario, string variant) =>
        _records.Where(r => r.Scenario == scenario && r.Variant == variant);

    public RunRecord? Of(string scenario, string variant, int round) =>
        _records.FirstOrDefault(r => r.Scenario == scenario && r.Variant == variant && r.Round == round);

    /// <summary>The median of a figure over the rounds that succeeded; NaN when none did.</summary>
    public double Median(string scenario, string variant, string metric) =>
        Stats.Median(Of(scenario, variant).Where(r => r.Status == RunStatus.Ok).Select(r => r[metric]));

    /// <summary>The ratio of the two variants' medians.</summary>
    public double RatioOfMedians(Ratio ratio) =>
        Stats.Divide(Median(ratio.Scenario, ratio.Numerator, ratio.Metric), Median(ratio.Scenario, ratio.Denominator, ratio.Metric));

    /// <summary>
    /// The median over rounds of the per-round ratio, using only rounds where both succeeded: steadier than the ratio
    /// of medians when the machine drifts during the run (other work starting shifts all servers of a round together).
    /// </summary>
    public double MedianOfRoundRatios(Ratio ratio, int rounds) =>
        Stats.Median(Enumerable.Range(1, rounds).Select(round =>
            Of(ratio.Scenario, ratio.Numerator, round) is { Status: RunStatus.Ok } a && Of(ratio.Scenario, ratio.Denominator, round) is { Status: RunStatus.Ok } b
                ? Stats.Divide(a[ratio.Metric], b[ratio.Metric])
                : double.NaN));

    public int OkRounds(string scenario, string variant) => Of(scenario, variant).Count(r => r.Status == RunStatus.Ok);

    public int Failures => _records.Count(r => r.Status == RunStatus.Failed);
}
