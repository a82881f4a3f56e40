using Xunit.Abstractions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// The assertions every conformance run shares; each derived class is one run (its own fixture, so its own host) and
/// declares the tests. A scenario must pass (<see cref="ConformanceVerdict"/>) unless expected-failures.json lists it
/// for the run; a listed scenario that fails passes the test, with the reason in its output, and a listed scenario that
/// passes fails the test until its entry is removed, so the list can only shrink.
/// </summary>
public abstract class ConformanceRunTests(ConformanceRunFixture run, ITestOutputHelper output)
{
    /// <summary>Judges one scenario of the run against expected-failures.json.</summary>
    protected void AssertScenario(string scenario)
    {
        ConformanceRun definition = run.Definition;
        ConformanceBaseline baseline = ConformanceBaseline.Load();
        string? knownFailure = baseline.ExpectedFailure(definition, scenario);

        // A scenario that never started tells nothing, listed or not: the run stopped early or the scenario is gone.
        Assert.True(run.Scenarios.TryGetValue(scenario, out ConformanceScenarioResult? result),
            $"{scenario} did not run in {definition} (conformance.sh exited {run.Run.ExitCode} after {run.Elapsed.TotalSeconds:F0} s). Suite output:\n{run.Run.Output}");

        IReadOnlyDictionary<string, string> allowedSkips = baseline.AllowedSkipsOf(definition, scenario);
        IReadOnlyList<string> staleSkips = ConformanceVerdict.StaleSkips(result!, allowedSkips);
        Assert.True(staleSkips.Count == 0,
            $"{scenario} in {definition} no longer skips {string.Join(", ", staleSkips)}: remove it from allowedSkips.{definition.Name} in {ConformanceBaseline.FilePath} (and regenerate the table in docs/conformance.md).");

        IReadOnlyList<string> problems = ConformanceVerdict.Problems(result!, allowedSkips);
        if (knownFailure is null)
        {
            Assert.True(problems.Count == 0,
                $"{scenario} failed in {definition}:\n  " + string.Join("\n  ", problems) + $"\nServer output:\n{run.ServerOutput}");
            return;
        }

        Assert.True(problems.Count > 0,
            $"{scenario} now passes in {definition}: remove it from the list (expectedFailures.{definition.Name} in {ConformanceBaseline.FilePath}, and the table in docs/conformance.md). Its reason was: {knownFailure}");
        output.WriteLine($"Known failure of {scenario} in {definition}: {knownFailure}");
        foreach (string problem in problems)
        {
            output.WriteLine("  " + problem);
        }
    }

    /// <summary>The run finished within its bound and ran exactly the scenarios <see cref="ConformanceRun.ScenarioNames"/> lists.</summary>
    protected void AssertRunFinished()
    {
        ConformanceRun definition = run.Definition;
        output.WriteLine($"{definition}: conformance.sh exited {run.Run.ExitCode} after {run.Elapsed.TotalSeconds:F1} s; {run.Scenarios.Count} scenarios ran.");
        Assert.True(run.Run.ExitCode != 124,
            $"{definition} was stopped by its run timeout ({ConformanceRun.RunTimeout.TotalSeconds:F0} s). Output:\n{run.Run.Output}");
        Assert.True(run.Run.ExitCode is 0 or 1, $"{definition}: conformance.sh exited {run.Run.ExitCode}. Output:\n{run.Run.Output}");
        if (!ConformanceBaseline.Load().ExpectedFailures.TryGetValue(definition.Name, out var listed) || listed.Count == 0)
        {
            Assert.True(run.Run.ExitCode == 0, $"{definition} has no expected failure, yet conformance.sh failed. Output:\n{run.Run.Output}");
        }

        Assert.Equal(definition.ScenarioNames.Order(StringComparer.Ordinal), run.Scenarios.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The installed suite lists exactly the scenarios <see cref="ConformanceRun.ScenarioNames"/> names, so a scenario
    /// that a new suite version adds cannot go unjudged, and one it drops cannot leave a stale test.
    /// </summary>
    protected async Task AssertInstalledScenarioListMatches()
    {
        ConformanceRun definition = run.Definition;
        NodeRunResult listed = await NodeInterop.RunAsync("list-scenarios.sh", definition.ListArguments(), TimeSpan.FromMinutes(2));
        Assert.True(listed.ExitCode == 0, listed.Output);
        string[] names = [.. listed.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..].Split(' ')[0])];
        Assert.Equal(definition.ScenarioNames.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
