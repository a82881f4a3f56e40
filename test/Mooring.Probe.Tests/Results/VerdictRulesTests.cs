using Mooring.Probe.Results;

namespace Mooring.Probe.Tests.Results;

public class VerdictRulesTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly HealthStats Healthy = new(Checks: 12, Failures: 0, P50Ms: 1, P99Ms: 3, MaxMs: 3);
    private static readonly Dictionary<string, int> NoErrors = [];

    private static ScenarioSummary Summary(int closeWaitBefore = 0, int closeWaitEnd = 0, int establishedBefore = 0, int establishedEnd = 0,
        int threadsStart = 20, int threadsEnd = 20, HealthStats? during = null, HealthStats? after = null, bool lastHealthFailed = false) =>
        new(closeWaitBefore, Math.Max(closeWaitBefore, closeWaitEnd), closeWaitEnd,
            establishedBefore, Math.Max(establishedBefore, establishedEnd), establishedEnd, 0, 0,
            threadsStart, Math.Max(threadsStart, threadsEnd), threadsEnd, 80_000_000, 90_000_000, 85_000_000,
            during ?? Healthy, after ?? Healthy, lastHealthFailed);

    private static Verdict Evaluate(ScenarioSummary summary, int attempted = 10, int completed = 10,
        IReadOnlyDictionary<string, int>? errors = null, params Finding[] findings) =>
        VerdictRules.Evaluate(summary, attempted, completed, errors ?? NoErrors, findings, Settle);

    [Fact]
    public void Evaluate_NothingLeftBehind_IsOk()
    {
        var verdict = Evaluate(Summary());

        Assert.True(verdict.Ok);
        Assert.Equal("OK", verdict.Line);
        Assert.Empty(verdict.Findings);
    }

    [Fact]
    public void Evaluate_CloseWaitAfterSettle_IsLeakWithCount()
    {
        var verdict = Evaluate(Summary(closeWaitEnd: 37));

        Assert.False(verdict.Ok);
        Assert.Equal("LEAK: 37 sockets still in CLOSE-WAIT 3 s after the scenario", verdict.Line);
    }

    [Fact]
    public void Evaluate_CloseWaitAlreadyThereBefore_CountsOnlyNewOnes()
    {
        Assert.True(Evaluate(Summary(closeWaitBefore: 5, closeWaitEnd: 5)).Ok);

        var verdict = Evaluate(Summary(closeWaitBefore: 5, closeWaitEnd: 7));
        Assert.Equal("LEAK: 2 sockets still in CLOSE-WAIT 3 s after the scenario (5 more were there before it)", verdict.Line);
    }

    [Fact]
    public void Evaluate_SocketsNotObserved_NoSocketFindings()
    {
        var summary = Summary(closeWaitEnd: 3) with { CloseWaitBefore = null, CloseWaitEnd = null, EstablishedBefore = null, EstablishedEnd = null };

        Assert.True(Evaluate(summary).Ok);
    }

    [Fact]
    public void Evaluate_HealthStillFailingAtEnd_IsUnhealthy()
    {
        var verdict = Evaluate(Summary(after: new HealthStats(12, 12, null, null, null), lastHealthFailed: true));

        Assert.False(verdict.Ok);
        Assert.StartsWith("UNHEALTHY: health still failing 3 s after the scenario (12 of 12", verdict.Line, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HealthFailedOnlyDuring_IsOkWithDegradedWarning()
    {
        var verdict = Evaluate(Summary(during: new HealthStats(8, 3, 1, 900, 900)));

        Assert.True(verdict.Ok);
        Assert.Equal("OK (1 warning)", verdict.Line);
        Assert.Equal("DEGRADED", Assert.Single(verdict.Findings).Code);
    }

    [Fact]
    public void Evaluate_NoCycleCompleted_IsFailedWithTopErrors()
    {
        var verdict = Evaluate(Summary(), attempted: 10, completed: 0, errors: new Dictionary<string, int> { ["connection refused"] = 10 });

        Assert.False(verdict.Ok);
        Assert.Equal("FAILED: none of 10 cycles completed (10x connection refused)", verdict.Line);
    }

    [Fact]
    public void Evaluate_SomeCyclesFailed_IsOkWithErrorsWarning()
    {
        var verdict = Evaluate(Summary(), attempted: 10, completed: 8, errors: new Dictionary<string, int> { ["timeout"] = 2 });

        Assert.True(verdict.Ok);
        Assert.Equal("ERRORS", Assert.Single(verdict.Findings).Code);
    }

    [Fact]
    public void Evaluate_ScenarioFinding_Fails()
    {
        var stalled = new Finding(FindingSeverity.Fail, "STALLED", "2 of 2 server sockets still ESTABLISHED");

        var verdict = Evaluate(Summary(), findings: stalled);

        Assert.False(verdict.Ok);
        Assert.Equal("STALLED: 2 of 2 server sockets still ESTABLISHED", verdict.Line);
    }

    [Fact]
    public void Evaluate_LeakAndStalled_LineIsTheFirstFailAndBothAreListed()
    {
        var stalled = new Finding(FindingSeverity.Fail, "STALLED", "x");

        var verdict = Evaluate(Summary(closeWaitEnd: 1), findings: stalled);

        Assert.StartsWith("LEAK:", verdict.Line, StringComparison.Ordinal);
        Assert.Equal(["LEAK", "STALLED"], verdict.Findings.Select(f => f.Code));
    }

    [Theory]
    [InlineData(20, 30, false)]  // within the allowance of 10
    [InlineData(20, 31, true)]
    [InlineData(100, 150, false)] // within half the starting count
    [InlineData(100, 151, true)]
    public void Evaluate_ThreadGrowth_WarnsBeyondAllowance(int start, int end, bool warns)
    {
        var verdict = Evaluate(Summary(threadsStart: start, threadsEnd: end));

        Assert.True(verdict.Ok);
        Assert.Equal(warns, verdict.Findings.Any(f => f.Code == "THREADS"));
    }

    [Fact]
    public void Evaluate_MoreEstablishedThanBefore_WarnsHeld()
    {
        var verdict = Evaluate(Summary(establishedBefore: 1, establishedEnd: 4));

        Assert.True(verdict.Ok);
        Assert.Contains("3 more ESTABLISHED", Assert.Single(verdict.Findings).Message, StringComparison.Ordinal);
    }
}
