namespace Mooring.Conformance.Tests;

/// <summary>
/// The official conformance suite 0.1.16, scenario by scenario: each must run and end with no FAILURE and no
/// WARNING (docs/conformance.md explains the suite and any exception).
/// </summary>
public sealed class ConformanceSuiteTests(ConformanceRunFixture run) : IClassFixture<ConformanceRunFixture>
{
    /// <summary>Every server scenario of 0.1.16: the 30 active ones and the 2 pending ones.</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } =
    [
        "server-initialize", "logging-set-level", "ping", "completion-complete", "tools-list", "tools-call-simple-text",
        "tools-call-image", "tools-call-audio", "tools-call-embedded-resource", "tools-call-mixed-content",
        "tools-call-with-logging", "tools-call-error", "tools-call-with-progress", "tools-call-sampling",
        "tools-call-elicitation", "json-schema-2020-12", "elicitation-sep1034-defaults", "server-sse-polling",
        "server-sse-multiple-streams", "elicitation-sep1330-enums", "resources-list", "resources-read-text",
        "resources-read-binary", "resources-templates-read", "resources-subscribe", "resources-unsubscribe",
        "prompts-list", "prompts-get-simple", "prompts-get-with-args", "prompts-get-embedded-resource",
        "prompts-get-with-image", "dns-rebinding-protection",
    ];

    public static TheoryData<string> ServerScenarios => [.. ScenarioNames];

    [Theory]
    [MemberData(nameof(ServerScenarios))]
    public void Scenario_AgainstHost_HasNoFailuresOrWarnings(string scenario)
    {
        Assert.True(run.Scenarios.TryGetValue(scenario, out IReadOnlyList<ConformanceCheck>? checks),
            $"Scenario {scenario} did not run. Suite output:\n{run.Run.Output}");
        Assert.NotEmpty(checks!);
        ConformanceCheck[] bad = [.. checks!.Where(c => c.Status is "FAILURE" or "WARNING")];
        Assert.True(bad.Length == 0,
            $"{scenario}: " + string.Join("; ", bad.Select(c => $"{c.Status} {c.Id}: {c.Description} {c.ErrorMessage}")) + $"\nServer output:\n{run.ServerOutput}");
    }

    [Fact]
    public void Suite_AgainstHost_ExitsZeroAndRunsEveryScenario()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.Output);
        Assert.Equal(ScenarioNames.Count, run.Scenarios.Count);
    }

    [Fact]
    public async Task ScenarioList_OfInstalledSuite_MatchesThisFile()
    {
        // If the pinned suite ever gains or loses a scenario, this list (and the fixtures) must be revisited.
        NodeRunResult listed = await NodeInterop.RunAsync("list-scenarios.sh", [], TimeSpan.FromMinutes(2));
        Assert.True(listed.ExitCode == 0, listed.Output);
        string[] names = [.. listed.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Split(' ')[0])];
        Assert.Equal(ScenarioNames.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
