using System.Globalization;

namespace Mooring.Probe.Results;

/// <summary>
/// Turns figures into findings, in one place. Fail: CLOSE-WAIT sockets left after the settle (LEAK), health still
/// failing at the end of the settle (UNHEALTHY), no cycle completed at all (FAILED), and any scenario's own failing
/// finding (STALLED). Warn: health failures during the scenario (DEGRADED), more ESTABLISHED sockets than before
/// (HELD), threads that grew and stayed (THREADS), some failed cycles (ERRORS).
/// </summary>
internal static class VerdictRules
{
    /// <summary>Threads may grow by this many, or half the starting count, before it is worth a warning: pools warm up.</summary>
    public const int ThreadGrowthAllowance = 10;

    public static Verdict Evaluate(ScenarioSummary summary, int attempted, int completed, IReadOnlyDictionary<string, int> errors,
        IEnumerable<Finding> scenarioFindings, TimeSpan settle)
    {
        var findings = new List<Finding>();
        var settleText = settle.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

        if (summary.CloseWaitEnd is { } closeWaitEnd)
        {
            var already = Math.Max(0, summary.CloseWaitBefore ?? 0);
            var leaked = closeWaitEnd - already;
            if (leaked > 0)
            {
                findings.Add(new Finding(FindingSeverity.Fail, "LEAK",
                    $"{leaked} sockets still in CLOSE-WAIT {settleText} s after the scenario" + (already > 0 ? $" ({already} more were there before it)" : "")));
            }
        }

        if (summary.LastHealthFailed == true)
        {
            findings.Add(new Finding(FindingSeverity.Fail, "UNHEALTHY",
                $"health still failing {settleText} s after the scenario ({summary.HealthAfter.Failures} of {summary.HealthAfter.Checks} checks failed)"));
        }

        if (attempted > 0 && completed == 0)
        {
            findings.Add(new Finding(FindingSeverity.Fail, "FAILED", $"none of {attempted} cycles completed ({TopErrors(errors)})"));
        }

        findings.AddRange(scenarioFindings);

        if (summary.HealthDuring.Failures > 0)
        {
            findings.Add(new Finding(FindingSeverity.Warn, "DEGRADED",
                $"health failed {summary.HealthDuring.Failures} of {summary.HealthDuring.Checks} checks during the scenario"));
        }

        if (summary.EstablishedEnd is { } establishedEnd && establishedEnd > (summary.EstablishedBefore ?? 0))
        {
            findings.Add(new Finding(FindingSeverity.Warn, "HELD",
                $"{establishedEnd - (summary.EstablishedBefore ?? 0)} more ESTABLISHED sockets than before the scenario after the settle"));
        }

        if (summary is { ThreadsStart: { } start, ThreadsEnd: { } end } && end > start + Math.Max(ThreadGrowthAllowance, start / 2))
        {
            findings.Add(new Finding(FindingSeverity.Warn, "THREADS", $"threads grew from {start} to {end} and stayed"));
        }

        var failed = errors.Values.Sum();
        if (failed > 0 && completed > 0)
        {
            findings.Add(new Finding(FindingSeverity.Warn, "ERRORS", $"{failed} of {attempted} cycles failed ({TopErrors(errors)})"));
        }

        var firstFail = findings.FirstOrDefault(f => f.Severity == FindingSeverity.Fail);
        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warn);
        var line = firstFail is not null ? firstFail.ToString()
            : warnings > 0 ? $"OK ({warnings} warning{(warnings == 1 ? "" : "s")})"
            : "OK";
        return new Verdict(firstFail is null, line, findings);
    }

    private static string TopErrors(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? "no error recorded"
        : string.Join("; ", errors.OrderByDescending(e => e.Value).Take(3).Select(e => $"{e.Value}x {e.Key}"));
}
