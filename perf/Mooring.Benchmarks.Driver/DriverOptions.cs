using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>The driver's command line. Every default says its value and why; <see cref="Short"/> shrinks them all.</summary>
internal sealed class DriverOptions
{
    public const string Usage = """
        Usage: perf/run-benchmarks.sh [options]
          --short              every scenario once at a tiny scale (1 round, 0.5 s + 1 s load runs, 100 idle sessions,
                               200 streams, 3 cold starts, micro-benchmarks as a dry run; the native AOT host only if
                               MOORING_HOST_NATIVE names one): checks the driver end to end; writes
                               artifacts/perf/benchmarks-short.md unless --output is given
          --rounds N           interleaved rounds of every scenario (default 3)
          --warmup S           warm-up seconds of each load run (default 5)
          --duration S         measured seconds of each load run (default 8)
          --connections N      keep-alive connections of the load runs; churn clients at once (default 16)
          --sessions N         idle sessions opened for the heap figure (default 4000)
          --streams N          SSE streams held at once (default 10000; at most 15000)
          --hold S             seconds the streams are held and their heartbeats timed (default 10)
          --heartbeat S        the servers' heartbeat interval in the stream scenario (default 2)
          --cold-starts N      starts of each server per round in the cold-start scenario (default 10)
          --skip LIST          comma-separated: servers (mooring, aot, sdk, sdk-stateless, raw), scenarios (legacy,
                               modern, sse, churn, sessions, streams, coldstart) or micro (the BenchmarkDotNet
                               micro-benchmarks) (also MOORING_BENCH_SKIP); skipping aot or coldstart also skips
                               publishing the native host
          --output FILE        the report (default docs/benchmarks.md); the chart goes next to it (NAME-ratios.svg)
          --no-build           use what is already built in Release (and the native host published before to
                               artifacts/perf/aot, if any)
        Environment:
          MOORING_BENCH_SKIP   like --skip
          MOORING_HOST_DLL     path of a built Mooring.Host.dll; when set, src/Mooring.Host is not built
          MOORING_HOST_NATIVE  path of a Mooring.Host published with Native AOT (dotnet publish -r linux-x64); when set,
                               it is used as is, also with --short. Otherwise the full setting publishes one to
                               artifacts/perf/aot (about 80 s) and --short leaves the native variant out
        The full setting takes about 25-30 minutes (publishing the native host, 3 rounds of ~6 minutes, then the
        micro-benchmarks as ShortRun);
        --short about 60-90 s when built.
        """;

    /// <summary>The repository root: where the projects are found and relative paths start.</summary>
    public required string Root { get; init; }

    /// <summary>How the run was asked for, as the report shows it.</summary>
    public string CommandLine { get; private set; } = "perf/run-benchmarks.sh";

    public bool Short { get; private set; }

    /// <summary>Given --no-build: the script built nothing, so the driver publishes nothing either.</summary>
    public bool NoBuild { get; private set; }

    /// <summary>Default 3 rounds: a median of three interleaved runs, the least the issue asks for.</summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>Default 5 s: long enough for tiered JIT to reach its optimised code on both sides.</summary>
    public double Warmup { get; private set; } = 5;

    /// <summary>Default 8 s measured per load run.</summary>
    public double Duration { get; private set; } = 8;

    /// <summary>Default 16, the issue's figure.</summary>
    public int Connections { get; private set; } = 16;

    /// <summary>Default 4,000 idle sessions: the issue asks for 2,000 or more; twice that halves the noise per session.</summary>
    public int Sessions { get; private set; } = 4_000;

    /// <summary>Default 10,000 streams, the issue's figure.</summary>
    public int Streams { get; private set; } = 10_000;

    /// <summary>Default 10 s of hold: five heartbeats at the default interval.</summary>
    public double Hold { get; private set; } = 10;

    /// <summary>Default 2 s: short, so a hold period sees several heartbeats per stream.</summary>
    public double Heartbeat { get; private set; } = 2;

    /// <summary>Default 10 starts per server and round: a p90 from 10 values is the second slowest; 3 rounds give 30 in all.</summary>
    public int ColdStarts { get; private set; } = 10;

    public HashSet<string> Skip { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = "";

    /// <summary>Where raw figures and logs go: <c>artifacts/perf/run-TIMESTAMP</c>.</summary>
    public string RunDirectory { get; private set; } = "";

    public static bool TryParse(string[] args, string root, out DriverOptions options, out string? error)
    {
        var parsed = new DriverOptions { Root = root };
        options = parsed;
        error = null;
        string? output = null;
        var shortSettings = args.Contains("--short");
        if (shortSettings)
        {
            parsed.Short = true;
            parsed.Rounds = 1;
            parsed.Warmup = 0.5;
            parsed.Duration = 1;
            parsed.Sessions = 100;
            parsed.Streams = 200;
            parsed.Hold = 2.5;
            parsed.Heartbeat = 1;
            parsed.ColdStarts = 3;
        }

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--short")
            {
                continue;
            }

            if (name is "--no-build")
            {
                parsed.NoBuild = true;   // the script builds nothing; the driver publishes nothing
                continue;
            }

            if (name is "--command-line" or "--skip-env")
            {
                // Passed by the script: the command as the user typed it, and MOORING_BENCH_SKIP.
                if (i + 1 >= args.Length)
                {
                    error = $"Missing value for {name}.";
                    return false;
                }

                var value2 = args[++i];
                if (name == "--command-line")
                {
                    parsed.CommandLine = value2;
                }
                else
                {
                    AddSkips(parsed, value2);
                }

                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"Missing value for {name}.";
                return false;
            }

            var value = args[++i];
            error = name switch
            {
                "--rounds" => Int(value, 1, 99, v => parsed.Rounds = v),
                "--warmup" => Number(value, 0, 300, v => parsed.Warmup = v),
                "--duration" => Number(value, 0.1, 600, v => parsed.Duration = v),
                "--connections" => Int(value, 1, 4096, v => parsed.Connections = v),
                "--sessions" => Int(value, 1, 100_000, v => parsed.Sessions = v),
                "--streams" => Int(value, 1, 15_000, v => parsed.Streams = v),
                "--hold" => Number(value, 0.5, 600, v => parsed.Hold = v),
                "--heartbeat" => Number(value, 0.1, 3600, v => parsed.Heartbeat = v),
                "--cold-starts" => Int(value, 1, 200, v => parsed.ColdStarts = v),
                "--skip" => AddSkips(parsed, value),
                "--output" => Assign(value, v => output = v),
                _ => $"Unknown option {name}.",
            };
            if (error is not null)
            {
                return false;
            }
        }

        output ??= parsed.Short ? Path.Combine("artifacts", "perf", "benchmarks-short.md") : Path.Combine("docs", "benchmarks.md");
        parsed.Output = Path.GetFullPath(output, root);
        parsed.RunDirectory = Path.Combine(root, "artifacts", "perf", "run-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        return true;
    }

    public bool IsSkipped(string name) => Skip.Contains(name);

    /// <summary>The chart written next to the report: <c>benchmarks.md</c> gets <c>benchmarks-ratios.svg</c>.</summary>
    public string ChartPath => Path.Combine(Path.GetDirectoryName(Output)!, Path.GetFileNameWithoutExtension(Output) + "-ratios.svg");

    private static string? AddSkips(DriverOptions options, string value)
    {
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Catalog.SkipNames.Contains(item))
            {
                return $"--skip: unknown name '{item}'; expected {string.Join(", ", Catalog.SkipNames)}.";
            }

            options.Skip.Add(item);
        }

        return null;
    }

    private static string? Assign(string value, Action<string> set)
    {
        set(value);
        return null;
    }

    private static string? Int(string value, int min, int max, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return $"Expected an integer from {min} to {max}, not '{value}'.";
        }

        set(parsed);
        return null;
    }

    private static string? Number(string value, double min, double max, Action<double> set)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !(parsed >= min && parsed <= max))
        {
            return $"Expected a number from {min} to {max}, not '{value}'.";
        }

        set(parsed);
        return null;
    }
}
