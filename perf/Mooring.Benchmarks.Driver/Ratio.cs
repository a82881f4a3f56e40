namespace Mooring.Benchmarks.Driver;

/// <summary>A ratio of one figure between two variants of a scenario, with the target when it sets one.</summary>
/// <param name="Label">Its name in the report and the chart.</param>
/// <param name="Scenario">The scenario both runs belong to.</param>
/// <param name="Metric">The figure compared.</param>
/// <param name="Numerator">The variant measured.</param>
/// <param name="Denominator">The variant it is compared with.</param>
/// <param name="Target">The target for the ratio, or null.</param>
/// <param name="AtMost">True when the target is an upper bound (costs); false when it is a lower bound (throughput).</param>
internal sealed record Ratio(string Label, string Scenario, string Metric, string Numerator, string Denominator, double? Target = null, bool AtMost = false)
{
    public bool? Meets(double value) => Target is not { } target || double.IsNaN(value) ? null : AtMost ? value <= target : value >= target;
}

/// <summary>An absolute figure the issue sets a target for (latency, memory), read from one variant's median.</summary>
internal sealed record Threshold(string Label, string Scenario, string Variant, string Metric, double Target, bool AtMost, string Unit)
{
    public bool? Meets(double value) => double.IsNaN(value) ? null : AtMost ? value <= Target : value >= Target;
}
