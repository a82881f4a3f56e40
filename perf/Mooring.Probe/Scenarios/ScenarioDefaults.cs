namespace Mooring.Probe.Scenarios;

/// <summary>
/// A scenario's bounds: how many cycles (or sessions, streams, connections), by how many workers, within what time,
/// and how long streams are held. Every loop stops at whichever bound it reaches first.
/// </summary>
internal sealed record ScenarioDefaults(int Cycles, int Concurrency, TimeSpan Duration, TimeSpan Hold);
