namespace Mooring.Conformance.Tests;

/// <summary>
/// What one scenario left in the run's output folder: its checks, or, when the scenario threw before writing
/// <c>checks.json</c>, null checks and the CLI's "Failed to run scenario" line.
/// </summary>
public sealed record ConformanceScenarioResult(string Name, IReadOnlyList<ConformanceCheck>? Checks, string? CrashMessage);
