namespace Mooring.Probe.Results;

/// <summary>A scenario's verdict: OK unless a finding failed; the line is what the table prints.</summary>
internal sealed record Verdict(bool Ok, string Line, IReadOnlyList<Finding> Findings);
