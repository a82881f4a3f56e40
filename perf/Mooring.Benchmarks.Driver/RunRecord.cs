namespace Mooring.Benchmarks.Driver;

/// <summary>How one run of one variant ended.</summary>
internal enum RunStatus
{
    Ok,

    /// <summary>The server did not start, or the load run failed: the command exits non-zero.</summary>
    Failed,

    /// <summary>Not run on purpose (skipped, or the server lacks what the scenario needs): reported, not a failure.</summary>
    NotMeasured,
}

/// <summary>The figures of one run of one variant of one scenario in one round.</summary>
internal sealed record RunRecord(string Scenario, string Variant, int Round, RunStatus Status, string? Reason, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>A remark that changes no figure (a server that crashed on shutdown): listed under Notes.</summary>
    public string? Note { get; init; }

    public static RunRecord Failed(string scenario, string variant, int round, string reason) =>
        new(scenario, variant, round, RunStatus.Failed, reason, new Dictionary<string, double>());

    public static RunRecord NotMeasured(string scenario, string variant, int round, string reason) =>
        new(scenario, variant, round, RunStatus.NotMeasured, reason, new Dictionary<string, double>());

    public double this[string metric] => Metrics.TryGetValue(metric, out var value) ? value : double.NaN;
}
