namespace Mooring.Conformance.Tests;

/// <summary>
/// Whether a scenario passed, by the rules docs/conformance.md states. A check with status FAILURE or WARNING fails
/// the scenario (as under the suite's own <c>--expected-failures</c>, where a WARNING counts as a failure); INFO never
/// does; SKIPPED does unless expected-failures.json accepts that very skip, because most skips in the suite mean the
/// server lacked something (a capability, a fixture, a working prerequisite) and would otherwise pass unseen. A
/// scenario that wrote no checks.json (it threw) or no checks at all fails too; the suite itself would count it clean.
/// </summary>
public static class ConformanceVerdict
{
    /// <summary>What makes <paramref name="result"/> fail; empty when it passed.</summary>
    /// <param name="result">The scenario's result.</param>
    /// <param name="allowedSkips">The scenario's accepted skips, by check id.</param>
    public static IReadOnlyList<string> Problems(ConformanceScenarioResult result, IReadOnlyDictionary<string, string> allowedSkips)
    {
        if (result.Checks is null)
        {
            return [$"wrote no checks.json: {result.CrashMessage ?? "no 'Failed to run scenario' line in run.log (cut off by the run timeout?)"}"];
        }

        if (result.Checks.Count == 0)
        {
            return ["wrote no checks"];
        }

        return [.. result.Checks
            .Where(c => c.Status is not ("SUCCESS" or "INFO") && !(c.Status == "SKIPPED" && allowedSkips.ContainsKey(c.Id)))
            .Select(c => $"{c.Status} {c.Id}: {c.ErrorMessage ?? c.Description}")];
    }

    /// <summary>
    /// The accepted skips that no longer happen: each must leave expected-failures.json, so that the list of accepted
    /// skips can only shrink. A check that is absent counts as no longer skipped.
    /// </summary>
    public static IReadOnlyList<string> StaleSkips(ConformanceScenarioResult result, IReadOnlyDictionary<string, string> allowedSkips) =>
        result.Checks is null
            ? []
            : [.. allowedSkips.Keys.Where(id => !result.Checks.Any(c => c.Id == id && c.Status == "SKIPPED"))];
}
