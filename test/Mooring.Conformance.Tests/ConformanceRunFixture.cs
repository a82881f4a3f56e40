using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// Runs the conformance suite once, as <see cref="ConformanceRun"/> says, against a Mooring.Host process of its own,
/// and keeps each scenario's result for the tests to judge one by one. Each test class derives one (xunit builds
/// class fixtures with no arguments).
/// </summary>
public abstract partial class ConformanceRunFixture(ConformanceRun definition) : IAsyncLifetime
{
    private readonly HttpHostFixture _host = new();
    private readonly string _output = Path.Combine(Path.GetTempPath(), "mooring-conformance-" + Guid.NewGuid().ToString("N"));

    /// <summary>Which run this is.</summary>
    public ConformanceRun Definition { get; } = definition;

    /// <summary>Results by scenario name: every scenario that started, finished or not.</summary>
    public IReadOnlyDictionary<string, ConformanceScenarioResult> Scenarios { get; private set; } = new Dictionary<string, ConformanceScenarioResult>();

    /// <summary>The suite's run: conformance.sh's exit code (124 when its <c>--run-timeout</c> stopped it) and output.</summary>
    public NodeRunResult Run { get; private set; } = null!;

    /// <summary>How long conformance.sh took.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The server's recent output, for failure messages.</summary>
    public string ServerOutput => _host.RecentOutput;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();

        // The URL must be 127.0.0.1 or localhost: dns-rebinding-protection sends the URL's host as the good one.
        // conformance.sh stops the CLI at RunTimeout; the extra minute here covers install.sh and the tally.
        var stopwatch = Stopwatch.StartNew();
        Run = await NodeInterop.RunAsync("conformance.sh", [_host.McpEndpoint.ToString(), .. Definition.ScriptArguments(_output)],
            ConformanceRun.RunTimeout + TimeSpan.FromMinutes(1));
        Elapsed = stopwatch.Elapsed;

        string runLog = File.Exists(Path.Combine(_output, "run.log")) ? await File.ReadAllTextAsync(Path.Combine(_output, "run.log")) : string.Empty;
        var scenarios = new Dictionary<string, ConformanceScenarioResult>(StringComparer.Ordinal);
        foreach (string directory in Directory.EnumerateDirectories(_output, "server-*"))
        {
            // Directory names are server-<scenario>-<ISO timestamp with dashes>, e.g. server-ping-2026-11-24T02-06-37-085Z.
            Match match = ScenarioDirectory().Match(Path.GetFileName(directory));
            Assert.True(match.Success, $"Unexpected result folder name: {directory}");
            string name = match.Groups["scenario"].Value;
            string file = Path.Combine(directory, "checks.json");
            if (!File.Exists(file))
            {
                // The CLI makes the folder first; a scenario that throws (or is cut off by the run timeout) leaves it empty.
                string? crash = runLog.Split('\n').FirstOrDefault(l => l.StartsWith($"Failed to run scenario {name}:", StringComparison.Ordinal))?.Trim();
                scenarios[name] = new ConformanceScenarioResult(name, null, crash);
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            scenarios[name] = new ConformanceScenarioResult(name, [.. document.RootElement.EnumerateArray().Select(c => new ConformanceCheck(
                c.GetProperty("id").GetString() ?? string.Empty,
                c.GetProperty("status").GetString() ?? string.Empty,
                c.TryGetProperty("description", out JsonElement d) ? d.GetString() : null,
                c.TryGetProperty("errorMessage", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null))], null);
        }

        Scenarios = scenarios;
    }

    [GeneratedRegex(@"^server-(?<scenario>.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$")]
    private static partial Regex ScenarioDirectory();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
