using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mooring.Benchmarks.Driver;

/// <summary>Writes docs/benchmarks.md: targets first, then the machine, the command and each scenario's figures.</summary>
internal sealed class ReportWriter
{
    private readonly DriverOptions _options;
    private readonly IReadOnlyList<Scenario> _scenarios;
    private readonly IReadOnlyDictionary<string, ServerDefinition> _servers;
    private readonly Results _results;
    private readonly MicroBenchmarks? _micro;
    private readonly StringBuilder _text = new();

    public ReportWriter(DriverOptions options, IReadOnlyList<Scenario> scenarios, IReadOnlyDictionary<string, ServerDefinition> servers, Results results, MicroBenchmarks? micro)
    {
        _options = options;
        _scenarios = scenarios;
        _servers = servers;
        _results = results;
        _micro = micro;
    }

    public static string Format(double value, int decimals) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public string Write(string chartFileName)
    {
        Line("# Benchmarks: Mooring side by side with the official C# SDK and raw Kestrel");
        Line();
        Line($"Written by `perf/run-benchmarks.sh` on {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; rerun it rather than editing this file.");
        if (_options.Short)
        {
            Line();
            Line("**Short setting** (`--short`): every scenario once at a tiny scale, to show the driver works end to end. These figures are not measurements.");
        }

        WriteTargets(chartFileName);
        WriteMachine();
        WriteMethod();
        foreach (var scenario in _scenarios)
        {
            WriteScenario(scenario);
        }

        WriteNotes();
        WriteMicro();
        return _text.ToString();
    }

    /// <summary>The rows of the chart: every ratio, as the median of its per-round ratios.</summary>
    public IReadOnlyList<(Ratio Ratio, double Value)> ChartRows() =>
        [.. Catalog.Ratios.Select(r => (r, _results.MedianOfRoundRatios(r, _options.Rounds)))];

    private void WriteTargets(string chartFileName)
    {
        Line();
        Line("## The issue's targets");
        Line();
        Line("Ratios are the median over rounds of each round's ratio (runs are interleaved, so a machine that drifts shifts");
        Line("both sides of a round together); the ratio of the two medians follows in brackets. Absolute figures are medians");
        Line("over rounds. Benchmarks are not tests: targets are reported here, never asserted.");
        Line();
        Line("| comparison | target | measured | meets |");
        Line("|---|---:|---:|:---:|");
        foreach (var ratio in Catalog.Ratios.Where(r => r.Target is not null))
        {
            var value = _results.MedianOfRoundRatios(ratio, _options.Rounds);
            Line($"| {ratio.Label} | {(ratio.AtMost ? "≤" : "≥")} {ratio.Target!.Value.ToString("0.##", CultureInfo.InvariantCulture)}× | {Times(value)} ({Times(_results.RatioOfMedians(ratio))}) | {Verdict(ratio.Meets(value))} |");
        }

        foreach (var threshold in Catalog.Thresholds)
        {
            var value = _results.Median(threshold.Scenario, threshold.Variant, threshold.Metric);
            var decimals = threshold.Unit == "ms" ? 3 : 0;
            Line($"| {threshold.Label} | {(threshold.AtMost ? "≤" : "≥")} {threshold.Target.ToString("0.##", CultureInfo.InvariantCulture)} {threshold.Unit} | {Format(value, decimals)}{(double.IsNaN(value) ? "" : " " + threshold.Unit)} | {Verdict(threshold.Meets(value))} |");
        }

        Line();
        Line($"![Ratios of the comparison, with the issue's targets]({chartFileName})");
        Line();
        Line("All ratios:");
        Line();
        Line("| comparison | median of round ratios | ratio of medians | target |");
        Line("|---|---:|---:|---:|");
        foreach (var ratio in Catalog.Ratios)
        {
            var target = ratio.Target is { } t ? $"{(ratio.AtMost ? "≤" : "≥")} {t.ToString("0.##", CultureInfo.InvariantCulture)}" : "";
            Line($"| {ratio.Label} | {Format(_results.MedianOfRoundRatios(ratio, _options.Rounds), 2)} | {Format(_results.RatioOfMedians(ratio), 2)} | {target} |");
        }
    }

    private void WriteMachine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?["MemTotal:".Length..].Trim()
            : null;
        Line();
        Line("## Machine");
        Line();
        Line("| | |");
        Line("|---|---|");
        Line($"| cores (nproc) | {Environment.ProcessorCount} |");
        Line($"| CPU | {cpu ?? "unknown"} |");
        Line($"| memory | {memory ?? "unknown"} |");
        Line($"| dotnet --version | {Run("dotnet", "--version")} |");
        Line($"| .NET runtime | {Environment.Version} |");
        Line($"| OS | {Run("uname", "-sr")} |");
        Line($"| file descriptors per process | {Run("sh", "-c", "ulimit -n")} |");
        Line();
        Line("## Command");
        Line();
        Line("```");
        Line(_options.CommandLine);
        Line("```");
        Line();
        Line($"Raw figures and logs of this run: `{Path.GetRelativePath(_options.Root, _options.RunDirectory)}/` (not kept in the repository).");
    }

    private void WriteMethod()
    {
        Line();
        Line("## How it is measured");
        Line();
        Line("- Client: `perf/Mooring.LoadGen`, our HTTP/1.1 load generator (raw sockets, keep-alive, no HttpClient, no allocation per");
        Line("  request in the load loops), one process per run, separate from the server. Everything runs on 127.0.0.1.");
        Line("- Every run starts its server fresh (`dotnet <dll> --urls http://127.0.0.1:PORT`, Warning-level logging), waits for");
        Line("  `/health`, warms up, measures, and stops it by its PID (SIGTERM). Scenarios and servers are interleaved: each round");
        Line($"  runs every scenario for every server in turn; {_options.Rounds} round(s). Figures are medians over rounds.");
        Line("  The cold-start scenario is the exception: it times the start itself, with no wait for `/health` (see there).");
        Line($"- Load runs: {_options.Connections} connections, {Format(_options.Warmup, 1)} s warm-up (not recorded), then {Format(_options.Duration, 1)} s measured. Latency is from the");
        Line("  first byte sent to the end of the JSON body, or of the SSE event carrying the response; req/s counts successful");
        Line("  responses only. Every response is checked: 2xx, the request's JSON-RPC id (MCP servers), a `result` without");
        Line("  `isError`, `content[0].text` equal to `hello` (and, in SSE mode, a progress event first); anything else is an error.");
        var gc = string.Join(", ", _servers.Values.Select(s => $"{s.Id}: {s.GcMode}"));
        Line($"- Garbage collector of each server, from its runtimeconfig.json: {gc}. The load generator uses workstation GC.");
        Line($"- The machine has {Environment.ProcessorCount} cores shared by client and server, and other work may run on it: absolute figures are low");
        Line("  and noisy; compare ratios within one run.");
    }

    private void WriteScenario(Scenario scenario)
    {
        Line();
        Line($"## {scenario.Title}");
        Line();
        foreach (var line in scenario.Description)
        {
            Line(line);
        }

        foreach (var table in scenario.MetricTables)
        {
            WriteMedians(scenario, table);
        }

        foreach (var line in scenario.Details(_options.Rounds))
        {
            Line(line);
        }

        if (_options.Rounds <= 1)
        {
            WriteFailures(scenario);
            return;
        }

        Line();
        Line("<details><summary>Per round</summary>");
        foreach (var table in scenario.MetricTables)
        {
            Line();
            Line($"| round | server | {string.Join(" | ", table.Select(m => m.Header))} |");
            Line($"|---:|---|{string.Concat(table.Select(_ => "---:|"))}");
            for (var round = 1; round <= _options.Rounds; round++)
            {
                foreach (var variant in scenario.Variants)
                {
                    var record = _results.Of(scenario.Id, variant.Id, round);
                    var cells = record is { Status: RunStatus.Ok }
                        ? string.Join(" | ", table.Select(m => Format(record[m.Key], m.Decimals)))
                        : $"{(record?.Status == RunStatus.NotMeasured ? "not measured" : "failed")}: {record?.Reason ?? "not run"}{string.Concat(Enumerable.Repeat(" |", table.Count - 1))}";
                    Line($"| {round} | {variant.Title} | {cells} |");
                }
            }
        }

        Line();
        Line("</details>");
    }

    private void WriteMedians(Scenario scenario, IReadOnlyList<Metric> table)
    {
        Line();
        Line($"| server | {string.Join(" | ", table.Select(m => m.Header))} | rounds ok |");
        Line($"|---|{string.Concat(table.Select(_ => "---:|"))}---:|");
        foreach (var variant in scenario.Variants)
        {
            var runs = _results.Of(scenario.Id, variant.Id).ToArray();
            if (runs.Length > 0 && runs.All(r => r.Status == RunStatus.NotMeasured))
            {
                Line($"| {variant.Title} | {string.Join(" | ", table.Select(_ => "-"))} | not measured: {runs[0].Reason} |");
                continue;
            }

            var cells = table.Select(m => Format(_results.Median(scenario.Id, variant.Id, m.Key), m.Decimals));
            Line($"| {variant.Title} | {string.Join(" | ", cells)} | {_results.OkRounds(scenario.Id, variant.Id)}/{_options.Rounds} |");
        }
    }

    private void WriteFailures(Scenario scenario)
    {
        foreach (var record in _results.Records.Where(r => r.Scenario == scenario.Id && r.Status == RunStatus.Failed))
        {
            Line();
            Line($"Failed: {scenario.Variants.First(v => v.Id == record.Variant).Title}, round {record.Round}: {record.Reason}");
        }
    }

    private void WriteNotes()
    {
        var notes = _results.Records.Where(r => r.Note is not null).Select(r => $"- {r.Scenario}/{r.Variant}, round {r.Round}: {r.Note}").ToArray();
        if (notes.Length == 0)
        {
            return;
        }

        Line();
        Line("## Notes");
        Line();
        foreach (var note in notes)
        {
            Line(note);
        }
    }

    private void WriteMicro()
    {
        Line();
        Line("## Micro-benchmarks (perf/Mooring.Benchmarks)");
        Line();
        if (_micro is null || _micro.Status != "ok")
        {
            Line($"Not measured: {_micro?.Status ?? "skipped on request (--skip micro)"}.");
            return;
        }

        Line("BenchmarkDotNet with `[MemoryDiagnoser]`, in-process, after the load runs, with");
        Line();
        Line("```");
        Line($"dotnet perf/Mooring.Benchmarks/bin/Release/net10.0/Mooring.Benchmarks.dll {_micro.Job}");
        Line("```");
        Line();
        Line("`Allocated` is bytes per operation and exact whatever the job; times come from few iterations on a shared");
        Line("2-core machine: orientation, not a verdict. `HotPathBenchmarks` is the echo `tools/call` in the server core");
        Line("stage by stage; `HttpEndpointBenchmarks` runs the whole POST handler against a raw handler on the same");
        Line("in-memory `DefaultHttpContext` (whose own allocations are the raw handler's figure); the other classes measure");
        Line("pieces of a stage alone. Mooring's own allocation per HTTP request is `McpEndpoint` minus `RawHandler`.");
        if (_micro.Job == "--dry")
        {
            Line();
            Line("**Dry run** (one cold invocation per benchmark, from `--short`): it only shows that every benchmark runs;");
            Line("its figures include first-call costs (JIT, static caches) and are not measurements.");
        }

        var first = true;
        foreach (var (name, table) in _micro.Tables.OrderBy(t => t.Class.StartsWith("HotPath", StringComparison.Ordinal) ? 0 : 1).ThenBy(t => t.Class, StringComparer.Ordinal))
        {
            Line();
            Line($"### {name}");
            Line();

            // BenchmarkDotNet's environment block (a fenced block at the top) is the same for every class: kept once.
            Line(first ? table.TrimEnd() : AfterEnvironmentBlock(table).TrimEnd());
            first = false;
        }
    }

    private static string AfterEnvironmentBlock(string table)
    {
        var lines = table.Split('\n');
        var fences = 0;
        var start = 0;
        for (var i = 0; i < lines.Length && fences < 2; i++)
        {
            if (lines[i].TrimEnd() == "```")
            {
                fences++;
                start = i + 1;
            }
        }

        return string.Join('\n', lines.Skip(start)).TrimStart('\n', '\r');
    }

    private static string Times(double value) => double.IsNaN(value) ? "n/a" : Format(value, 2) + "×";

    private static string Verdict(bool? meets) => meets switch { true => "yes", false => "**no**", null => "n/a" };

    private static string Run(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output.Length == 0 ? "unknown" : output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
