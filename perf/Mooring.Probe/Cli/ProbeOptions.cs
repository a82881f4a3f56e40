namespace Mooring.Probe.Cli;

/// <summary>The command line, parsed. Null bounds mean "the scenario's own default" (normal or <see cref="Quick"/>).</summary>
internal sealed class ProbeOptions
{
    public required Uri Url { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public int? Pid { get; init; }

    public Uri? HealthUrl { get; init; }

    public string? Tool { get; init; }

    public string? ArgumentsJson { get; init; }

    public TimeSpan? Duration { get; init; }

    public int? Concurrency { get; init; }

    public int? Cycles { get; init; }

    public TimeSpan? Settle { get; init; }

    public string? ReportPath { get; init; }

    public string? JsonPath { get; init; }

    public bool Quick { get; init; }

    public bool AllowRemote { get; init; }

    /// <summary>Seed of every random choice (FIN or RST, which workers do what), so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>3 s after each scenario (1.5 s with --quick): a server that closes a dead socket does so within milliseconds.</summary>
    public TimeSpan EffectiveSettle => Settle ?? (Quick ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(3));
}
