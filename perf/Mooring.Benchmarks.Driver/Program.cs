using Mooring.Benchmarks.Driver;

// The side-by-side benchmark driver; perf/run-benchmarks.sh builds and runs it. See DriverOptions.Usage.
var root = FindRepositoryRoot();
if (root is null)
{
    await Console.Error.WriteLineAsync("Mooring.slnx not found above " + AppContext.BaseDirectory);
    return 2;
}

if (args.Contains("-h") || args.Contains("--help"))
{
    await Console.Error.WriteLineAsync(DriverOptions.Usage);
    return 0;
}

if (!DriverOptions.TryParse(args, root, out var options, out var error))
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(DriverOptions.Usage);
    return 2;
}

Directory.CreateDirectory(options.RunDirectory);
Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
var servers = Catalog.Servers(root);
var scenarios = Catalog.Scenarios(options);
var context = new RunContext
{
    Options = options,
    Servers = servers,
    LoadGen = new LoadGenClient(Path.Combine(root, "perf/Mooring.LoadGen/bin/Release/net10.0/Mooring.LoadGen.dll")),
    HeapProbeHook = Path.Combine(root, "perf/Mooring.Benchmarks.HeapProbe/bin/Release/net10.0/Mooring.Benchmarks.HeapProbe.dll"),
};

// What must be built: the load generator, the hook, and every server some scenario still runs. A native server is
// found or published below instead, and reported as not measured when it is not there.
var active = scenarios.Where(s => !options.IsSkipped(s.Id)).SelectMany(s => s.Variants).Where(v => !options.IsSkipped(v.ServerId)).ToArray();
var missing = new[] { Path.Combine(root, "perf/Mooring.LoadGen/bin/Release/net10.0/Mooring.LoadGen.dll"), context.HeapProbeHook }
    .Concat(active.Select(v => servers[v.ServerId]).Where(s => !s.Native).Select(s => s.EntryPath)).Distinct().Where(f => !File.Exists(f)).ToArray();
if (missing.Length > 0)
{
    await Console.Error.WriteLineAsync($"Not built: {string.Join(", ", missing)} (build them, drop --no-build, or --skip what needs them)");
    return 1;
}

using var signals = new CompositeDisposable(ChildProcesses.StopOnInterrupt());

// Servers that could not be made ready (the native host not published): their variants are reported with the reason.
var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var server in active.Select(v => servers[v.ServerId]).Where(s => s.Native).Distinct())
{
    if (await NativeHost.PrepareAsync(options, server) is { } reason)
    {
        await Console.Error.WriteLineAsync($"[bench] {server.Id} not measured: {reason}");
        unavailable[server.Id] = reason;
    }
}

var results = new Results();
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var scenario in scenarios)
    {
        var runnable = new List<Variant>();
        foreach (var variant in scenario.Variants)
        {
            if (options.IsSkipped(scenario.Id) || options.IsSkipped(variant.ServerId))
            {
                results.Add(RunRecord.NotMeasured(scenario.Id, variant.Id, round, "skipped on request (--skip / MOORING_BENCH_SKIP)"));
            }
            else if (unavailable.TryGetValue(variant.ServerId, out var reason))
            {
                results.Add(RunRecord.NotMeasured(scenario.Id, variant.Id, round, reason));
            }
            else
            {
                runnable.Add(variant);
            }
        }

        if (runnable.Count == 0)
        {
            continue;
        }

        foreach (var record in await scenario.RunRoundAsync(runnable, round, context))
        {
            if (record.Status != RunStatus.Ok)
            {
                await Console.Error.WriteLineAsync($"[bench]   {record.Variant}: {(record.Status == RunStatus.Failed ? "FAILED" : "not measured")}: {record.Reason}");
            }

            results.Add(record);
        }
    }
}

MicroBenchmarks? micro = null;
if (!options.IsSkipped(Catalog.Micro))
{
    micro = new MicroBenchmarks(root, options.RunDirectory, dry: options.Short);
    await Console.Error.WriteLineAsync($"[bench] micro-benchmarks: Mooring.Benchmarks {micro.Job}");
    await micro.RunAsync(Path.Combine(options.RunDirectory, "micro.log"));
    await Console.Error.WriteLineAsync($"[bench]   {micro.Status}");
}

var report = new ReportWriter(options, scenarios, servers, results, micro);
await File.WriteAllTextAsync(options.Output, report.Write(Path.GetFileName(options.ChartPath)));
await File.WriteAllTextAsync(options.ChartPath, RatioChart.Render(report.ChartRows(),
    $"{options.Rounds} round(s), {options.Connections} connections, {Environment.ProcessorCount} cores shared by client and server{(options.Short ? "; short setting, not a measurement" : "")}"));

await Console.Error.WriteLineAsync($"[bench] report: {options.Output}, chart: {options.ChartPath} (raw figures and logs: {options.RunDirectory})");
foreach (var (ratio, value) in report.ChartRows())
{
    await Console.Error.WriteLineAsync($"[bench] {ratio.Label}: {ReportWriter.Format(value, 2)}{(ratio.Target is { } t ? $" (target {(ratio.AtMost ? "<=" : ">=")} {t})" : "")}");
}

foreach (var threshold in Catalog.Thresholds)
{
    await Console.Error.WriteLineAsync($"[bench] {threshold.Label}: {ReportWriter.Format(results.Median(threshold.Scenario, threshold.Variant, threshold.Metric), threshold.Unit == "ms" ? 3 : 0)} {threshold.Unit} (target {(threshold.AtMost ? "<=" : ">=")} {threshold.Target} {threshold.Unit})");
}

var failures = results.Failures + (micro?.Failed == true ? 1 : 0);
if (failures > 0)
{
    await Console.Error.WriteLineAsync($"[bench] {failures} run(s) failed; see the report and {options.RunDirectory}");
    return 1;
}

return 0;

static string? FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Mooring.slnx")))
        {
            return dir.FullName;
        }
    }

    return null;
}
