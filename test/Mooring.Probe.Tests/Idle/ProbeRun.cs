using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// One run of <c>mooring-probe</c> (one scenario, --quick, with <see cref="ScenarioLoad"/>) through
/// <see cref="ProbeRunner.MainAsync"/>, and its JSON report's scenario result.
/// </summary>
internal sealed class ProbeRun
{
    /// <summary>
    /// The probe's watch after the scenario, shorter than --quick's 1.5 s: the tests watch the settle themselves (CLOSE-WAIT
    /// within 2 s of the scenario's end, then the gauges), and 300 ms still gives the probe's "after" phase health checks.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    /// <summary>The probe's whole run is bounded: the longest quick scenario takes about 4 s, plus tool discovery and the settle.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private ProbeRun(int exitCode, string output, string error, JsonElement result, Stopwatch sinceEnd)
    {
        ExitCode = exitCode;
        Output = output;
        Error = error;
        Result = result;
        SinceReturn = sinceEnd;
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    /// <summary>The scenario's entry of the JSON report's <c>scenarios</c>.</summary>
    public JsonElement Result { get; }

    public JsonElement Summary => Result.GetProperty("summary");

    /// <summary>Started when the probe returned, about <see cref="Settle"/> after the scenario ended.</summary>
    public Stopwatch SinceReturn { get; }

    public string Describe => $"exit {ExitCode}{Environment.NewLine}{Error}{Output}";

    /// <summary>Runs <paramref name="scenario"/> against <paramref name="endpoint"/>; <paramref name="pid"/> lets the probe read the server's /proc figures.</summary>
    public static async Task<ProbeRun> RunAsync(Uri endpoint, string scenario, string directory, int? pid = null, string? htmlPath = null)
    {
        var json = Path.Combine(directory, $"{scenario}-{Guid.NewGuid():N}.json");
        List<string> args = [endpoint.ToString(), "--scenario", scenario, "--quick", "--settle", $"{Settle.TotalMilliseconds:0}ms", "--json", json, .. ScenarioLoad.Arguments(scenario)];
        if (pid is { } id)
        {
            args.AddRange(["--pid", id.ToString(CultureInfo.InvariantCulture)]);
        }

        if (htmlPath is not null)
        {
            args.AddRange(["--report", htmlPath]);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);
        var exit = await ProbeRunner.MainAsync([.. args], output, error, timeout.Token);
        var returned = Stopwatch.StartNew();

        Assert.True(exit is ProbeRunner.ExitOk or ProbeRunner.ExitFindings, $"exit {exit}: {error}{Environment.NewLine}{output}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var result = Assert.Single(document.RootElement.GetProperty("scenarios").EnumerateArray()).Clone();
        Assert.Equal(scenario, result.GetProperty("name").GetString());
        return new ProbeRun(exit, output.ToString(), error.ToString(), result, returned);
    }

    /// <summary>
    /// Health was answered throughout the scenario and the probe's settle: checks in both phases, none failed (an
    /// error, a non-2xx status or no answer within the probe's 1 s), and the p99 of each phase under
    /// <paramref name="p99Limit"/>. The probe's p99 is nearest-rank over a phase's checks (Results/HealthStats).
    /// </summary>
    public void AssertHealthAnswered(TimeSpan p99Limit)
    {
        foreach (var phase in new[] { "healthDuring", "healthAfter" })
        {
            var health = Summary.GetProperty(phase);
            Assert.True(health.GetProperty("checks").GetInt32() > 0, $"{phase}: no health check in this phase (the scenario was too short to observe?){Environment.NewLine}{Output}");
            Assert.True(health.GetProperty("failures").GetInt32() == 0, $"{phase}: {health}{Environment.NewLine}{Output}");
            var p99 = health.GetProperty("p99Ms").GetDouble();
            Assert.True(p99 < p99Limit.TotalMilliseconds, $"{phase}: health p99 {p99:0.0} ms, limit {p99Limit.TotalMilliseconds} ms: {health}{Environment.NewLine}{Output}");
        }
    }
}
