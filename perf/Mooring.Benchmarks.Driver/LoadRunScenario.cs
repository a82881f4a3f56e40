namespace Mooring.Benchmarks.Driver;

/// <summary>
/// One load generator run per server: a warm-up, then the measured period, with the server's CPU time read over that
/// period. tools/call back to back in each era and response mode, and session churn, are this with other load and
/// server arguments and other figures.
/// </summary>
internal sealed class LoadRunScenario : Scenario
{
    /// <summary>The figures shown: keys of the load generator's JSON output.</summary>
    public required IReadOnlyList<Metric> Figures { get; init; }

    public override IReadOnlyList<Metric> Metrics => Figures;

    public override async Task<RunRecord> RunAsync(Variant variant, int round, RunContext context)
    {
        var options = context.Options;
        var (server, error) = await context.StartAsync(Id, variant, round);
        if (server is null)
        {
            return RunRecord.Failed(Id, variant.Id, round, $"server {error}");
        }

        await using (server)
        {
            if (variant.RequiredTool is { } tool && !await McpToolCheck.HasToolAsync(server.McpUrl, tool))
            {
                return RunRecord.NotMeasured(Id, variant.Id, round,
                    $"{context.Servers[variant.ServerId].Title} has no tool `{tool}` (tools/list does not name it)");
            }

            string[] arguments =
            [
                "--url", server.McpUrl, .. variant.LoadArguments,
                "--connections", RunContext.Invariant(options.Connections),
                "--warmup", RunContext.Invariant(options.Warmup),
                "--duration", RunContext.Invariant(options.Duration),
                "--server-pid", RunContext.Invariant(server.Pid),
                "--label", $"{Id}/{variant.Id}",
            ];
            var output = await context.LoadGen.RunAsync(arguments, TimeSpan.FromSeconds(options.Warmup + options.Duration),
                context.FileOf(Id, variant.Id, round, ".json"), context.FileOf(Id, variant.Id, round, ".loadgen.log"));
            Console.Error.WriteLine($"[bench]   {output.LastLog}");
            await server.StopAsync();
            var record = output.Ok
                ? new RunRecord(Id, variant.Id, round, RunStatus.Ok, null, Figures.ToDictionary(f => f.Key, f => output.Number(f.Key)))
                : RunRecord.Failed(Id, variant.Id, round, Failure(output));
            return WithShutdownNote(record, server);
        }
    }
}
