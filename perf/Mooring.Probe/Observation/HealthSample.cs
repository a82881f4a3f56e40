namespace Mooring.Probe.Observation;

/// <summary>One health check: its latency, or null when it failed or timed out.</summary>
internal sealed record HealthSample(double Seconds, Phase Phase, double? LatencyMs);
