using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>The latency of one probe over one period, and how many of its requests failed.</summary>
internal sealed record ProbeResult(LatencyHistogram Latency, long Errors)
{
    public static ProbeResult None { get; } = new(new LatencyHistogram(), 0);

    /// <summary>Writes <c>{prefix}Samples</c>, <c>{prefix}Errors</c>, <c>{prefix}P50Ms</c>, <c>{prefix}P99Ms</c>, <c>{prefix}MaxMs</c>.</summary>
    public void WriteTo(Utf8JsonWriter json, string prefix)
    {
        json.WriteNumber(prefix + "Samples", Latency.Count);
        json.WriteNumber(prefix + "Errors", Errors);
        json.WriteNumber(prefix + "P50Ms", Ms(50));
        json.WriteNumber(prefix + "P99Ms", Ms(99));
        json.WriteNumber(prefix + "MaxMs", Math.Round(Latency.MaxNanoseconds / 1e6, 4));
    }

    /// <summary>Failed probes over all probes; 0 when none were sent.</summary>
    public double ErrorRate => Latency.Count + Errors == 0 ? 0 : (double)Errors / (Latency.Count + Errors);

    public double Ms(double percentile) => Math.Round(Latency.ValueAtPercentile(percentile) / 1e6, 4);
}
