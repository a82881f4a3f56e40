using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mooring.Conformance.Tests;

/// <summary>
/// expected-failures.json, next to this file: per run, the scenarios known to fail and why, and the SKIPPED checks that
/// are accepted and why. Read from the source tree at test time, so an edit takes effect without a rebuild.
/// </summary>
public sealed class ConformanceBaseline
{
    /// <summary>The line before the generated block in docs/conformance.md.</summary>
    public const string DocsBegin = "<!-- begin: generated from test/Mooring.Conformance.Tests/expected-failures.json; ConformanceBaselineTests prints it when it differs -->";

    /// <summary>The line after the generated block in docs/conformance.md.</summary>
    public const string DocsEnd = "<!-- end: generated from expected-failures.json -->";

    /// <summary>The file's path in the source tree.</summary>
    public static string FilePath { get; } =
        Path.GetFullPath(Path.Combine(NodeInterop.Directory, "..", "Mooring.Conformance.Tests", "expected-failures.json"));

    private ConformanceBaseline(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> expectedFailures,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> allowedSkips)
    {
        ExpectedFailures = expectedFailures;
        AllowedSkips = allowedSkips;
    }

    /// <summary>Run name → scenario → why it fails.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ExpectedFailures { get; }

    /// <summary>Run name → <c>scenario/check-id</c> → why that check's SKIPPED status hides nothing the server should do.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AllowedSkips { get; }

    /// <summary>Reads and parses the file; throws on a malformed one.</summary>
    public static ConformanceBaseline Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        return new ConformanceBaseline(Section(document.RootElement, "expectedFailures"), Section(document.RootElement, "allowedSkips"));
    }

    /// <summary>Why <paramref name="scenario"/> is expected to fail in <paramref name="run"/>, or null if it must pass.</summary>
    public string? ExpectedFailure(ConformanceRun run, string scenario) =>
        ExpectedFailures.TryGetValue(run.Name, out var scenarios) && scenarios.TryGetValue(scenario, out string? reason) ? reason : null;

    /// <summary>The accepted skips of <paramref name="scenario"/> in <paramref name="run"/>: check id → reason.</summary>
    public IReadOnlyDictionary<string, string> AllowedSkipsOf(ConformanceRun run, string scenario)
    {
        if (!AllowedSkips.TryGetValue(run.Name, out var skips))
        {
            return new Dictionary<string, string>();
        }

        string prefix = scenario + "/";
        return skips.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(s => s.Key[prefix.Length..], s => s.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The block of docs/conformance.md between <see cref="DocsBegin"/> and <see cref="DocsEnd"/>: the file as Markdown
    /// tables, runs in <see cref="ConformanceRun.All"/> order and scenarios in each run's order.
    /// </summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| run | `conformance.sh` arguments | scenarios | expected to fail |\n| --- | --- | ---: | ---: |\n");
        foreach (ConformanceRun run in ConformanceRun.All)
        {
            int failing = ExpectedFailures.TryGetValue(run.Name, out var listed) ? listed.Count : 0;
            string arguments = string.Join(' ', ["--package", run.Package, "--suite", run.Suite, .. run.SpecVersion is null ? Array.Empty<string>() : ["--spec-version", run.SpecVersion]]);
            text.Append(CultureInfo.InvariantCulture, $"| `{run.Name}` | `{arguments}` | {run.ScenarioNames.Count} | {failing} |\n");
        }

        text.Append("\nExpected failures:\n\n| run | scenario | reason |\n| --- | --- | --- |\n");
        foreach (ConformanceRun run in ConformanceRun.All)
        {
            if (ExpectedFailures.TryGetValue(run.Name, out var listed))
            {
                foreach (string scenario in run.ScenarioNames.Where(listed.ContainsKey))
                {
                    text.Append(CultureInfo.InvariantCulture, $"| `{run.Name}` | `{scenario}` | {Cell(listed[scenario])} |\n");
                }
            }
        }

        text.Append("\nAccepted skips:\n\n| run | scenario/check | reason |\n| --- | --- | --- |\n");
        foreach (ConformanceRun run in ConformanceRun.All)
        {
            if (AllowedSkips.TryGetValue(run.Name, out var skips))
            {
                foreach (KeyValuePair<string, string> skip in skips.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    text.Append(CultureInfo.InvariantCulture, $"| `{run.Name}` | `{skip.Key}` | {Cell(skip.Value)} |\n");
                }
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Section(JsonElement root, string name)
    {
        var runs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty(name, out JsonElement section))
        {
            return runs;
        }

        foreach (JsonProperty run in section.EnumerateObject())
        {
            runs[run.Name] = run.Value.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
        }

        return runs;
    }
}
