using System.Diagnostics;
using System.Text.Json;

namespace Mooring.Benchmarks.Driver;

/// <summary>Runs perf/Mooring.LoadGen as a separate process (its own file descriptors, its own GC) and reads its JSON line.</summary>
internal sealed class LoadGenClient
{
    /// <summary>On top of the run's own periods: start-up, handshakes and its own deadline slack.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(90);

    private readonly string _dll;

    public LoadGenClient(string dll) => _dll = dll;

    /// <summary>Runs to the end; killed (by its PID) if it outlives <paramref name="expected"/> plus a margin.</summary>
    public async Task<LoadGenOutput> RunAsync(IEnumerable<string> arguments, TimeSpan expected, string outputPath, string logPath)
    {
        using var process = Start(arguments, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(expected + Slack);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        return await ReadAsync(process, await stdout, await stderr, outputPath, logPath);
    }

    /// <summary>
    /// Starts a streams run with <c>--linger</c>: returns once it printed its figures, with the streams still held. The
    /// caller measures the server, then <see cref="HeldRun.ReleaseAsync"/> closes its standard input and it closes them.
    /// </summary>
    public async Task<HeldRun> StartHeldAsync(IEnumerable<string> arguments, TimeSpan expected, string outputPath, string logPath)
    {
        var process = Start(arguments, redirectInput: true);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(expected + Slack);
        string? line = null;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        return new HeldRun(process, line ?? "", stderr, outputPath, logPath);
    }

    private Process Start(IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        ChildProcesses.Add(process);
        return process;
    }

    private static async Task<LoadGenOutput> ReadAsync(Process process, string stdout, string stderr, string outputPath, string logPath)
    {
        ChildProcesses.Remove(process);
        await File.WriteAllTextAsync(outputPath, stdout);
        await File.WriteAllTextAsync(logPath, stderr);
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var lastLog = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
        return new LoadGenOutput(Parse(line), process.ExitCode, lastLog);
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>A streams run that reported and still holds its streams.</summary>
    internal sealed class HeldRun : IAsyncDisposable
    {
        private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

        private readonly Process _process;
        private readonly string _line;
        private readonly Task<string> _stderr;
        private readonly string _outputPath;
        private readonly string _logPath;
        private LoadGenOutput? _output;

        public HeldRun(Process process, string line, Task<string> stderr, string outputPath, string logPath)
        {
            _process = process;
            _line = line;
            _stderr = stderr;
            _outputPath = outputPath;
            _logPath = logPath;
        }

        /// <summary>The figures, if the run printed them (the exit code is known only after release).</summary>
        public bool Reported => _line.Length > 0;

        /// <summary>Closes the run's standard input (it closes its streams and exits), waits, and returns its output.</summary>
        public async Task<LoadGenOutput> ReleaseAsync()
        {
            if (_output is not null)
            {
                return _output;
            }

            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(ExitTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                    await _process.WaitForExitAsync();
                }
            }

            _output = await ReadAsync(_process, _line, await _stderr, _outputPath, _logPath);
            return _output;
        }

        public async ValueTask DisposeAsync()
        {
            await ReleaseAsync();
            _process.Dispose();
        }
    }
}
