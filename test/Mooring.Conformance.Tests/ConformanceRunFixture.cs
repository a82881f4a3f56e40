using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// Runs the whole conformance suite once (<c>--suite all</c>: active and pending scenarios) against a Mooring.Host
/// process, and keeps each scenario's checks for the tests to judge one by one.
/// </summary>
public sealed partial class ConformanceRunFixture : IAsyncLifetime
{
    private readonly HttpHostFixture _host = new();
    private readonly string _output = Path.Combine(Path.GetTempPath(), "mooring-conformance-" + Guid.NewGuid().ToString("N"));

    /// <summary>Checks by scenario name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ConformanceCheck>> Scenarios { get; private set; } = new Dictionary<string, IReadOnlyList<ConformanceCheck>>();

    /// <summary>The suite's run.</summary>
    public NodeRunResult Run { get; private set; } = null!;

    /// <summary>The server's recent output, for failure messages.</summary>
    public string ServerOutput => _host.RecentOutput;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();

        // The URL must be 127.0.0.1 or localhost: dns-rebinding-protection sends the URL's host as the good one.
        Run = await NodeInterop.RunAsync("conformance.sh", [_host.McpEndpoint.ToString(), "--suite", "all", "--out", _output], TimeSpan.FromMinutes(5));
        var scenarios = new Dictionary<string, IReadOnlyList<ConformanceCheck>>(StringComparer.Ordinal);
        foreach (string directory in Directory.EnumerateDirectories(_output, "server-*"))
        {
            string file = Path.Combine(directory, "checks.json");
            if (!File.Exists(file))
            {
                continue;
            }

            // Directory names are server-<scenario>-<ISO timestamp with dashes>, e.g. server-ping-2026-11-24T02-06-37-085Z.
            Match match = ScenarioDirectory().Match(Path.GetFileName(directory));
            Assert.True(match.Success, $"Unexpected result folder name: {directory}");
            string name = match.Groups["scenario"].Value;
            using JsonDocument document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            scenarios[name] = [.. document.RootElement.EnumerateArray().Select(c => new ConformanceCheck(
                c.GetProperty("id").GetString() ?? string.Empty,
                c.GetProperty("status").GetString() ?? string.Empty,
                c.TryGetProperty("description", out JsonElement d) ? d.GetString() : null,
                c.TryGetProperty("errorMessage", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null))];
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
