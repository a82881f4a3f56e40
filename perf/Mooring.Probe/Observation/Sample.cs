namespace Mooring.Probe.Observation;

/// <summary>One observation of the server. Null figures were not observable (no /proc, no --pid).</summary>
internal sealed record Sample(double Seconds, Phase Phase, SocketCounts? Sockets, int? Threads, long? RssBytes);
