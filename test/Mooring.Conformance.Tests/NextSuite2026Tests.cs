using Xunit.Abstractions;

namespace Mooring.Conformance.Tests;

/// <summary>
/// The conformance suite 0.2.0-alpha.12 with <c>--suite all --spec-version 2026-07-28</c>, scenario by scenario: every
/// scenario that applies to 2026-07-28, on the 2026 wire, which judges the scenarios tagged for both eras a second time.
/// Each must pass unless expected-failures.json lists it under <c>next-all-2026-07-28</c>; a listed one that passes
/// fails until it is removed.
/// </summary>
public sealed class NextSuite2026Tests(NextSuite2026Tests.Fixture run, ITestOutputHelper output)
    : ConformanceRunTests(run, output), IClassFixture<NextSuite2026Tests.Fixture>
{
    public static TheoryData<string> ServerScenarios => ConformanceRun.NextAll2026.ScenarioRows();

    [Theory]
    [MemberData(nameof(ServerScenarios))]
    public void Scenario_AgainstHost_PassesUnlessExpectedToFail(string scenario) => AssertScenario(scenario);

    [Fact]
    public void Suite_AgainstHost_FinishesInTimeAndRunsEveryScenario() => AssertRunFinished();

    [Fact]
    public Task ScenarioList_OfInstalledSuite_MatchesConformanceRun() => AssertInstalledScenarioListMatches();

    /// <summary>0.2.0-alpha.12 <c>--suite all --spec-version 2026-07-28</c> against a host of its own.</summary>
    public sealed class Fixture() : ConformanceRunFixture(ConformanceRun.NextAll2026);
}
