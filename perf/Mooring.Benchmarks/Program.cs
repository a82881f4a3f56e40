using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Mooring.Benchmarks: micro-benchmarks of the echo tools/call hot path, with MemoryDiagnoser.
//
//   dotnet perf/Mooring.Benchmarks/bin/Release/net10.0/Mooring.Benchmarks.dll [--short | --dry] [BenchmarkDotNet options]
//
// --short   BenchmarkDotNet's ShortRun job (1 launch, 3 warm-up and 3 measured iterations): a quick look, ~1-2 min.
// --dry     one invocation per benchmark: checks that every benchmark runs (the smoke check of run-benchmarks.sh --short).
// Without a --filter every benchmark runs (BenchmarkDotNet would otherwise ask on the console). Results go to
// artifacts/perf/bdn/ at the repository root unless --artifacts is given.
//
// Benchmarks run in-process (InProcessEmitToolchain): BenchmarkDotNet's default out-of-process toolchain generates
// and builds a project under this repository, where Directory.Build.props (warnings as errors, analyzers) and
// central package management apply to it; in-process avoids that build and its minute per run. Allocation
// figures are the same either way.
var rest = new List<string>(args);
Job job = rest.Remove("--dry") ? Job.Dry : rest.Remove("--short") ? Job.ShortRun : Job.Default;
IConfig config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());

if (!rest.Contains("--filter") && !rest.Contains("-f"))
{
    rest.AddRange(["--filter", "*"]);
}

if (!rest.Contains("--artifacts") && FindRepositoryRoot() is { } root)
{
    config = config.WithArtifactsPath(Path.Combine(root, "artifacts", "perf", "bdn"));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Mooring.Benchmarks.HotPathBenchmarks).Assembly).Run([.. rest], config);

// Non-zero when a benchmark failed (threw in setup, validation error), so scripts notice.
return summaries.Any() && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success)) ? 0 : 1;

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
