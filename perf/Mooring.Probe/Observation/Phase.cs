namespace Mooring.Probe.Observation;

/// <summary>When a sample was taken relative to the scenario.</summary>
internal enum Phase
{
    Before,
    During,
    After,
}
