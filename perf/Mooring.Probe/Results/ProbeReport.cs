namespace Mooring.Probe.Results;

/// <summary>A whole run: what was probed, how it was observed, and each scenario's result.</summary>
internal sealed record ProbeReport(
    string Url,
    int? Pid,
    string SocketsObserved,
    string Health,
    bool Quick,
    int Seed,
    double SettleSeconds,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    public bool AllOk => Scenarios.All(s => s.Verdict.Ok);
}
