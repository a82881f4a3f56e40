using System.Diagnostics;
using System.Globalization;

namespace Mooring.Testing;

/// <summary>
/// Measures the managed heap of a server process from outside, precisely: the process is started with this assembly
/// as a .NET startup hook (<see cref="EnvironmentVariables"/>, see <c>StartupHook</c>), which answers each
/// <see cref="MeasureHeapAsync"/> with <see cref="HeapFigures.Measure"/>, taken after full, compacting collections. RSS cannot
/// tell garbage from a leak (the GC rarely gives pages back, and a dead session sits in gen 2 until the next full
/// collection), the live heap after a forced collection can. Requests and answers are files in a private folder.
/// </summary>
public sealed class HostGcProbe : IDisposable
{
    /// <summary>The folder the hook watches for requests; set only on the process under test.</summary>
    public const string DirectoryVariable = "MOORING_TEST_GC_PROBE_DIR";

    /// <summary>How often an answer is looked for; the hook polls for requests at the same pace (20 ms).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("mooring-gc-probe-").FullName;
    private int _next;

    /// <summary>
    /// What the server process needs in its environment: <c>DOTNET_STARTUP_HOOKS</c> naming this assembly, and the
    /// request folder. Pass them to <see cref="HttpHostFixture.EnvironmentVariables"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(HostGcProbe).Assembly.Location,
        [DirectoryVariable] = _directory,
    };

    /// <summary>
    /// The server's live managed heap (<see cref="HeapFigures.Measure"/>, run in the server). Throws
    /// <see cref="TimeoutException"/> when no answer came within <paramref name="timeout"/>
    /// (the process did not load the hook, or it is not running).
    /// </summary>
    public async Task<HeapFigures> MeasureHeapAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        int id = Interlocked.Increment(ref _next);
        string answer = Path.Combine(_directory, id.ToString(CultureInfo.InvariantCulture) + ".answer");
        await File.WriteAllTextAsync(Path.Combine(_directory, id.ToString(CultureInfo.InvariantCulture) + ".request"), "", cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        while (!File.Exists(answer))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"No heap figure from the server within {timeout.TotalSeconds:0.#} s: was it started with {nameof(EnvironmentVariables)}?");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return HeapFigures.Parse(await File.ReadAllTextAsync(answer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the request folder; a hook still watching it stops.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
