namespace Mooring.Conformance.Tests;

/// <summary>
/// expected-failures.json can only name what exists, always says why, and docs/conformance.md shows exactly what it
/// holds. Whether each listed scenario really fails is judged by the run tests.
/// </summary>
public sealed class ConformanceBaselineTests
{
    private static readonly string DocsPath = Path.GetFullPath(Path.Combine(NodeInterop.Directory, "..", "..", "docs", "conformance.md"));

    [Fact]
    public void ExpectedFailures_EveryEntry_NamesAScenarioOfItsRunAndAReason()
    {
        ConformanceBaseline baseline = ConformanceBaseline.Load();
        Assert.All(baseline.ExpectedFailures, run =>
        {
            ConformanceRun? definition = ConformanceRun.All.SingleOrDefault(r => r.Name == run.Key);
            Assert.True(definition is not null, $"Unknown run '{run.Key}' in expectedFailures; the runs are {string.Join(", ", ConformanceRun.All)}.");
            Assert.All(run.Value, entry =>
            {
                Assert.True(definition.ScenarioNames.Contains(entry.Key), $"expectedFailures.{run.Key} lists '{entry.Key}', which that run does not have.");
                Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"expectedFailures.{run.Key}.{entry.Key} gives no reason.");
            });
        });
    }

    [Fact]
    public void AllowedSkips_EveryEntry_NamesAScenarioCheckOfItsRunAndAReason()
    {
        ConformanceBaseline baseline = ConformanceBaseline.Load();
        Assert.All(baseline.AllowedSkips, run =>
        {
            ConformanceRun? definition = ConformanceRun.All.SingleOrDefault(r => r.Name == run.Key);
            Assert.True(definition is not null, $"Unknown run '{run.Key}' in allowedSkips; the runs are {string.Join(", ", ConformanceRun.All)}.");
            Assert.All(run.Value, entry =>
            {
                string[] parts = entry.Key.Split('/', 2);
                Assert.True(parts.Length == 2 && parts[1].Length > 0 && definition.ScenarioNames.Contains(parts[0]),
                    $"allowedSkips.{run.Key} has '{entry.Key}', which is not '<scenario of that run>/<check id>'.");
                Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"allowedSkips.{run.Key}.{entry.Key} gives no reason.");
            });
        });
    }

    [Fact]
    public void Docs_ExpectedFailuresSection_MatchesTheFile()
    {
        string docs = File.ReadAllText(DocsPath).ReplaceLineEndings("\n");
        int begin = docs.IndexOf(ConformanceBaseline.DocsBegin + "\n", StringComparison.Ordinal);
        int end = docs.IndexOf(ConformanceBaseline.DocsEnd, StringComparison.Ordinal);
        string expected = ConformanceBaseline.Load().ToMarkdown();
        Assert.True(begin >= 0 && end > begin,
            $"{DocsPath} lacks the generated block. Add it:\n{ConformanceBaseline.DocsBegin}\n{expected}{ConformanceBaseline.DocsEnd}");
        string actual = docs[(begin + ConformanceBaseline.DocsBegin.Length + 1)..end];
        Assert.True(actual == expected,
            $"The expected failures in {DocsPath} differ from {ConformanceBaseline.FilePath}. Replace the block between the markers with:\n{expected}");
    }
}
