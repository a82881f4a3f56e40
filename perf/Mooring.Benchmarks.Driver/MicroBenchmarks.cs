using System.Diagnostics;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// perf/Mooring.Benchmarks (BenchmarkDotNet, in-process) after the load runs, so nothing else competes for the cores:
/// ShortRun in the full setting, a dry run (one invocation each) with --short. Its per-class GitHub tables are embedded.
/// </summary>
internal sealed class MicroBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    private readonly string _dll;
    private readonly string _artifacts;

    public MicroBenchmarks(string root, string runDirectory, bool dry)
    {
        _dll = Path.Combine(root, "perf/Mooring.Benchmarks/bin/Release/net10.0/Mooring.Benchmarks.dll");
        _artifacts = Path.Combine(runDirectory, "bdn");
        Job = dry ? "--dry" : "--short";
    }

    /// <summary>The BenchmarkDotNet job option given: <c>--short</c> (ShortRun) or <c>--dry</c>.</summary>
    public string Job { get; }

    /// <summary>"ok", or why not.</summary>
    public string Status { get; private set; } = "not run";

    public bool Failed { get; private set; }

    /// <summary>The result tables, one per benchmark class, by class name.</summary>
    public IReadOnlyList<(string Class, string Table)> Tables { get; private set; } = [];

    public async Task RunAsync(string logPath)
    {
        if (!File.Exists(_dll))
        {
            Status = $"failed: {_dll} is not built";
            Failed = true;
            return;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { _dll, Job, "--artifacts", _artifacts })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        ChildProcesses.Add(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        ChildProcesses.Remove(process);
        await File.WriteAllTextAsync(logPath, await stdout + await stderr);
        var results = Path.Combine(_artifacts, "results");
        var files = Directory.Exists(results) ? Directory.GetFiles(results, "*-report-github.md").Order(StringComparer.Ordinal).ToArray() : [];
        Tables = [.. files.Select(f => (Path.GetFileName(f).Replace("-report-github.md", "", StringComparison.Ordinal).Replace("Mooring.Benchmarks.", "", StringComparison.Ordinal), File.ReadAllText(f)))];
        if (process.ExitCode == 0 && files.Length > 0)
        {
            Status = "ok";
        }
        else
        {
            Status = $"failed (exit {process.ExitCode}); see {logPath}";
            Failed = true;
        }
    }
}
