using Xunit.Abstractions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// The conformance suite 0.2.0-alpha.12 with <c>--suite all</c>, scenario by scenario: the legacy scenarios on the
/// 2025-11-25 wire, the 2026-only and extension (tasks, skills) scenarios on the 2026-07-28 wire. Each must pass unless
/// expected-failures.json lists it under <c>next-all</c>; a listed one that passes fails until it is removed.
/// </summary>
public sealed class NextSuiteTests(NextSuiteTests.Fixture run, ITestOutputHelper output)
    : ConformanceRunTests(run, output), IClassFixture<NextSuiteTests.Fixture>
{
    public static TheoryData<string> ServerScenarios => ConformanceRun.NextAll.ScenarioRows();

    [Theory]
    [MemberData(nameof(ServerScenarios))]
    public void Scenario_AgainstHost_PassesUnlessExpectedToFail(string scenario) => AssertScenario(scenario);

    [Fact]
    public void Suite_AgainstHost_FinishesInTimeAndRunsEveryScenario() => AssertRunFinished();

    [Fact]
    public Task ScenarioList_OfInstalledSuite_MatchesConformanceRun() => AssertInstalledScenarioListMatches();

    /// <summary>0.2.0-alpha.12 <c>--suite all</c> against a host of its own.</summary>
    public sealed class Fixture() : ConformanceRunFixture(ConformanceRun.NextAll);
}
