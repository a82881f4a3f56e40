namespace Mooring.Probe.Results;

/// <summary>One thing the probe concluded about the server, e.g. LEAK, STALLED, DEGRADED.</summary>
internal sealed record Finding(FindingSeverity Severity, string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
