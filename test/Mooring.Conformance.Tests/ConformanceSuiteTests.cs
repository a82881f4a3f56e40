using Xunit.Abstractions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// The official conformance suite 0.1.16 (<c>--suite all</c>), scenario by scenario: each must run and pass, with no
/// FAILURE, no WARNING and no unaccepted SKIPPED check (docs/conformance.md explains the suite and any exception).
/// </summary>
public sealed class ConformanceSuiteTests(ConformanceSuiteTests.Fixture run, ITestOutputHelper output)
    : ConformanceRunTests(run, output), IClassFixture<ConformanceSuiteTests.Fixture>
{
    public static TheoryData<string> ServerScenarios => ConformanceRun.StableAll.ScenarioRows();

    [Theory]
    [MemberData(nameof(ServerScenarios))]
    public void Scenario_AgainstHost_Passes(string scenario) => AssertScenario(scenario);

    [Fact]
    public void Suite_AgainstHost_ExitsZeroAndRunsEveryScenario() => AssertRunFinished();

    [Fact]
    public Task ScenarioList_OfInstalledSuite_MatchesConformanceRun() => AssertInstalledScenarioListMatches();

    /// <summary>0.1.16 <c>--suite all</c> against a host of its own.</summary>
    public sealed class Fixture() : ConformanceRunFixture(ConformanceRun.StableAll);
}
