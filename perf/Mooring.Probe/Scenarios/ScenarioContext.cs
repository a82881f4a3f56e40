using Mooring.Probe.Mcp;
using Mooring.Probe.Observation;

namespace Mooring.Probe.Scenarios;

/// <summary>Everything a scenario runs with: target, bounds, the tools to call, seeded randomness, the observer and the tally.</summary>
internal sealed class ScenarioContext
{
    public required McpTarget Target { get; init; }

    public required ScenarioDefaults Settings { get; init; }

    public required ToolPlan Tools { get; init; }

    public required Observer Observer { get; init; }

    public required int Seed { get; init; }

    /// <summary>A single request's limit: 10 s (5 s with --quick); a healthy loopback answer takes milliseconds.</summary>
    public required TimeSpan OperationTimeout { get; init; }

    public required bool Quick { get; init; }

    /// <summary>Fires at the scenario's hard ceiling (its duration and hold plus cleanup time).</summary>
    public required CancellationToken Cancellation { get; init; }

    public ScenarioTally Tally { get; } = new();

    /// <summary>A random source for item <paramref name="item"/>: the same choices for the same seed, whatever the interleaving.</summary>
    public Random RandomFor(int item) => new(HashCode.Combine(Seed, item));

    public McpClient NewClient(int? receiveBufferSize = null) => new(Target, receiveBufferSize);
}
