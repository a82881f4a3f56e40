using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>The figures of a churn run.</summary>
internal sealed class ChurnResult : IRunResult
{
    public required LoadGenOptions Options { get; init; }

    /// <summary>Complete cycles in the measured period: connect to the tools/call answer.</summary>
    public LatencyHistogram Latency { get; } = new();

    public long[] ErrorsByOutcome { get; } = new long[Enum.GetValues<ExchangeOutcome>().Length];

    public WindowCounters Window { get; init; } = WindowCounters.None;

    public ProbeResult Health { get; init; } = ProbeResult.None;

    public long WarmupCycles { get; init; }

    public long CyclesWithoutSession { get; init; }

    public int WorkersGaveUp { get; init; }

    public long Cycles => Latency.Count;

    public long Errors => ErrorsByOutcome.Sum();

    public double CyclesPerSecond => Cycles / Options.Duration.TotalSeconds;

    public bool Succeeded => Cycles > 0 && WorkersGaveUp == 0 && (double)Errors / (Cycles + Errors) <= Options.MaxErrorRate;

    public string ToHumanLine() => FormattableString.Invariant($"{Options.Label}{(Options.Label is null ? "" : ": ")}churn {Options.Url} {Options.Connections} at once {Options.Duration.TotalSeconds:0.#} s: ") +
        FormattableString.Invariant($"{CyclesPerSecond:0} cycles/s, cycle p50 {Ms(50):0.000} ms, p99 {Ms(99):0.000} ms, errors {Errors}, ") +
        FormattableString.Invariant($"health p50 {Health.Ms(50):0.000} ms, p99 {Health.Ms(99):0.000} ms ({Health.Latency.Count} samples, {Health.Errors} errors)") +
        (Succeeded ? "" : " (FAILED: too many errors or no cycles)");

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("tool", "Mooring.LoadGen");
        json.WriteString("label", Options.Label);
        json.WriteString("mode", "churn");
        json.WriteString("url", Options.Url.ToString());
        json.WriteNumber("connections", Options.Connections);
        json.WriteNumber("warmupSeconds", Options.Warmup.TotalSeconds);
        json.WriteNumber("durationSeconds", Options.Duration.TotalSeconds);
        json.WriteBoolean("ok", Succeeded);
        json.WriteNumber("cycles", Cycles);
        json.WriteNumber("errors", Errors);
        json.WriteNumber("cyclesPerSecond", Math.Round(CyclesPerSecond, 1));
        json.WriteNumber("p50Ms", Ms(50));
        json.WriteNumber("p99Ms", Ms(99));
        json.WriteNumber("warmupCycles", WarmupCycles);
        json.WriteNumber("cyclesWithoutSession", CyclesWithoutSession);
        json.WriteNumber("workersGaveUp", WorkersGaveUp);
        json.WriteNumber("serverCpuUsPerCycle", Window.ServerMicrosecondsPer(Cycles));
        Health.WriteTo(json, "health");
        JsonOutput.WriteErrors(json, ErrorsByOutcome);
        json.WriteEndObject();
    }

    private double Ms(double percentile) => Math.Round(Latency.ValueAtPercentile(percentile) / 1e6, 4);
}
