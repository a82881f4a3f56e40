namespace Mooring.Conformance.Tests;

/// <summary>One check of a conformance scenario, as the suite writes it to <c>checks.json</c>.</summary>
public sealed record ConformanceCheck(string Id, string Status, string? Description, string? ErrorMessage);
