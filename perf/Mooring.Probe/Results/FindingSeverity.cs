namespace Mooring.Probe.Results;

/// <summary>Fail turns the verdict red (exit code 1); Warn is reported but the verdict stays OK.</summary>
internal enum FindingSeverity
{
    Warn,
    Fail,
}
