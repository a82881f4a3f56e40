namespace Mooring.Probe.Scenarios;

/// <summary>One named fault scenario: its bounds in normal and --quick form, what it does, and whether RSS per session is its point.</summary>
internal sealed record Scenario(
    string Name,
    string Description,
    ScenarioDefaults Normal,
    ScenarioDefaults Quick,
    Func<ScenarioContext, Task> RunAsync,
    bool ReportsPerSession = false);
