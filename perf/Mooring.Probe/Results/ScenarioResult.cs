using Mooring.Probe.Observation;

namespace Mooring.Probe.Results;

/// <summary>Everything measured for one scenario: its bounds, what it did, the samples over time, the figures and the verdict.</summary>
internal sealed record ScenarioResult(
    string Name,
    string Description,
    int Cycles,
    int Concurrency,
    double DurationSeconds,
    double HoldSeconds,
    double ScenarioStartSeconds,
    double ScenarioEndSeconds,
    int Attempted,
    int Completed,
    int SessionsOpened,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<string> Notes,
    ScenarioSummary Summary,
    Verdict Verdict,
    IReadOnlyList<Sample> Samples,
    IReadOnlyList<HealthSample> Health,
    bool ReportsPerSession);
