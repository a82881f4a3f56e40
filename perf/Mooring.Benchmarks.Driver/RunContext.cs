using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>What every scenario run needs: the settings, the servers, the load generator, where files go.</summary>
internal sealed class RunContext
{
    public required DriverOptions Options { get; init; }

    public required IReadOnlyDictionary<string, ServerDefinition> Servers { get; init; }

    public required LoadGenClient LoadGen { get; init; }

    /// <summary>perf/Mooring.Benchmarks.HeapProbe's assembly, for <see cref="HeapProbeClient"/>.</summary>
    public required string HeapProbeHook { get; init; }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A file of this run: <c>RUN_DIR/{scenario}-{variant}-round{n}{suffix}</c>.</summary>
    public string FileOf(string scenario, string variant, int round, string suffix) =>
        Path.Combine(Options.RunDirectory, $"{scenario}-{variant}-round{Invariant(round)}{suffix}");

    /// <summary>Starts a variant's server; logs go next to the run's other files.</summary>
    public Task<(ServerProcess? Server, string? Error)> StartAsync(string scenario, Variant variant, int round, IReadOnlyDictionary<string, string>? environment = null) =>
        ServerProcess.StartAsync(Servers[variant.ServerId], variant.ServerArguments, environment ?? new Dictionary<string, string>(),
            FileOf(scenario, variant.Id, round, ".server.log"));
}
