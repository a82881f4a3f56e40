using System.Diagnostics;
using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// Asks a server started with <see cref="EnvironmentVariables"/> for its live heap after a forced full collection:
/// perf/Mooring.Benchmarks.HeapProbe, loaded by <c>DOTNET_STARTUP_HOOKS</c>, answers each request file in a private
/// folder. RSS cannot tell garbage from state still held (the GC rarely returns pages); the live heap after a forced
/// collection can.
/// </summary>
internal sealed class HeapProbeClient : IDisposable
{
    private const string DirectoryVariable = "MOORING_BENCH_HEAP_PROBE_DIR";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("mooring-bench-heap-").FullName;
    private readonly string _hookPath;
    private int _next;

    public HeapProbeClient(string hookPath) => _hookPath = hookPath;

    /// <summary>What the server needs in its environment: the hook and the request folder.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_STARTUP_HOOKS"] = _hookPath,
        [DirectoryVariable] = _directory,
    };

    /// <summary>The server's heap figures; throws <see cref="TimeoutException"/> when it did not answer within 60 s.</summary>
    public async Task<HeapFigures> MeasureAsync()
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var answer = Path.Combine(_directory, id + ".answer");
        await File.WriteAllTextAsync(Path.Combine(_directory, id + ".request"), "");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(answer))
        {
            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException($"No heap figure from the server within {Timeout.TotalSeconds:0} s: did it load {_hookPath}?");
            }

            await Task.Delay(PollInterval);
        }

        return HeapFigures.Parse(await File.ReadAllTextAsync(answer));
    }

    /// <summary>Deletes the folder; a hook still watching it stops.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
