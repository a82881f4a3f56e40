using System.Globalization;
using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>The figures of one run, printed as one human line and one JSON line.</summary>
internal sealed class LoadResult : IRunResult
{
    public required LoadGenOptions Options { get; init; }

    /// <summary>Why the run did not start (handshake failed, nothing listening), or null.</summary>
    public string? SetupError { get; init; }

    public bool HadSession { get; init; }

    public LatencyHistogram Latency { get; init; } = new();

    public long[] ErrorsByOutcome { get; init; } = new long[Enum.GetValues<ExchangeOutcome>().Length];

    public long WarmupRequests { get; init; }

    public long WarmupErrors { get; init; }

    public long Reconnects { get; init; }

    public int WorkersGaveUp { get; init; }

    /// <summary>What this process and the server spent during the measured period.</summary>
    public WindowCounters Window { get; init; } = WindowCounters.None;

    public long Requests => Latency.Count;

    public long Errors => ErrorsByOutcome.Sum();

    public double RequestsPerSecond => Requests / Options.Duration.TotalSeconds;

    public double ErrorRate => Requests + Errors == 0 ? 1 : (double)Errors / (Requests + Errors);

    public bool Succeeded => SetupError is null && Requests > 0 && ErrorRate <= Options.MaxErrorRate && WorkersGaveUp == 0;

    public string ToHumanLine()
    {
        var label = Options.Label is null ? "" : Options.Label + ": ";
        if (SetupError is not null)
        {
            return $"{label}{Options.Mode.ToString().ToLowerInvariant()} {Options.Url} FAILED: {SetupError}";
        }

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{RequestsPerSecond:0} req/s, p50 {Ms(50):0.000} ms, p90 {Ms(90):0.000} ms, p99 {Ms(99):0.000} ms, max {Latency.MaxNanoseconds / 1e6:0.000} ms");
        var mode = Options.Mode.ToString().ToLowerInvariant();
        var verdict = Succeeded ? "" : " (FAILED: too many errors or no requests)";
        var cpu = Window.ServerCpuSeconds is null ? "" : string.Create(CultureInfo.InvariantCulture, $", server CPU {Window.ServerMicrosecondsPer(Requests):0.0} us/req");
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}{mode} {Options.Url} {Options.Connections} conn {Options.Duration.TotalSeconds:0.#} s: {figures}, errors {Errors}, reconnects {Reconnects}{cpu}{verdict}");
    }

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("tool", "Mooring.LoadGen");
        json.WriteString("label", Options.Label);
        json.WriteString("mode", Options.Mode.ToString().ToLowerInvariant());
        json.WriteString("url", Options.Url.ToString());
        json.WriteString("mcpTool", Options.Tool);
        json.WriteBoolean("progress", Options.Progress);
        json.WriteNumber("connections", Options.Connections);
        json.WriteNumber("warmupSeconds", Options.Warmup.TotalSeconds);
        json.WriteNumber("durationSeconds", Options.Duration.TotalSeconds);
        json.WriteBoolean("ok", Succeeded);
        json.WriteString("setupError", SetupError);
        json.WriteBoolean("session", HadSession);
        json.WriteNumber("requests", Requests);
        json.WriteNumber("errors", Errors);
        json.WriteNumber("rps", Math.Round(RequestsPerSecond, 1));
        json.WriteNumber("p50Ms", Math.Round(Ms(50), 4));
        json.WriteNumber("p90Ms", Math.Round(Ms(90), 4));
        json.WriteNumber("p99Ms", Math.Round(Ms(99), 4));
        json.WriteNumber("maxMs", Math.Round(Latency.MaxNanoseconds / 1e6, 4));
        json.WriteNumber("meanMs", Requests == 0 ? 0 : Math.Round(Latency.SumNanoseconds / Requests / 1e6, 4));
        json.WriteNumber("reconnects", Reconnects);
        json.WriteNumber("warmupRequests", WarmupRequests);
        json.WriteNumber("warmupErrors", WarmupErrors);
        json.WriteNumber("workersGaveUp", WorkersGaveUp);
        json.WriteNumber("allocatedBytesPerRequest", Window.AllocatedBytesPer(Requests));
        json.WriteNumber("serverCpuUsPerRequest", Window.ServerMicrosecondsPer(Requests));
        json.WriteNumber("clientCpuUsPerRequest", Window.ClientMicrosecondsPer(Requests));
        JsonOutput.WriteErrors(json, ErrorsByOutcome);
        json.WriteEndObject();
    }

    private double Ms(double percentile) => Latency.ValueAtPercentile(percentile) / 1e6;
}
