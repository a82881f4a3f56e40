namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The cost of an idle legacy session: open <see cref="DriverOptions.Sessions"/> sessions (initialize, then
/// notifications/initialized, then nothing), and divide the growth of the server's live heap after a forced full
/// collection (and of its RSS) by their number.
/// </summary>
internal sealed class IdleSessionsScenario : Scenario
{
    /// <summary>Sessions opened before the baseline, so that first-use costs (JIT, caches, pools) are not counted per session.</summary>
    private const int WarmupSessions = 200;

    private static readonly Metric[] Figures =
    [
        new("sessions", "sessions", 0),
        new("heapBytesPerSession", "GC heap B/session", 0),
        new("smallObjectBytesPerSession", "small-object heap B/session", 0),
        new("rssBytesPerSession", "RSS B/session", 0),
        new("heapMbAfter", "GC heap after, MB", 1),
    ];

    public override IReadOnlyList<Metric> Metrics => Figures;

    public override async Task<RunRecord> RunAsync(Variant variant, int round, RunContext context)
    {
        var options = context.Options;
        using var heap = new HeapProbeClient(context.HeapProbeHook);
        var (server, error) = await context.StartAsync(Id, variant, round, heap.EnvironmentVariables);
        if (server is null)
        {
            return RunRecord.Failed(Id, variant.Id, round, $"server {error}");
        }

        await using (server)
        {
            var warmup = await OpenAsync(context, server, variant, round, Math.Min(WarmupSessions, Math.Max(1, options.Sessions / 10)), "-warmup");
            if (!warmup.Ok)
            {
                return WithShutdownNote(RunRecord.Failed(Id, variant.Id, round, "warm-up " + Failure(warmup)), server);
            }

            var heapBefore = await heap.MeasureAsync();
            var rssBefore = server.ReadRssBytes();
            var output = await OpenAsync(context, server, variant, round, options.Sessions, "");
            Console.Error.WriteLine($"[bench]   {output.LastLog}");
            if (!output.Ok)
            {
                await server.StopAsync();
                return WithShutdownNote(RunRecord.Failed(Id, variant.Id, round, Failure(output)), server);
            }

            var heapAfter = await heap.MeasureAsync();
            var rssAfter = server.ReadRssBytes();
            await server.StopAsync();
            var sessions = output.Number("opened");
            var metrics = new Dictionary<string, double>
            {
                ["sessions"] = sessions,
                ["heapBytesPerSession"] = (heapAfter.Total - heapBefore.Total) / sessions,
                ["smallObjectBytesPerSession"] = (heapAfter.SmallObjectHeap - heapBefore.SmallObjectHeap) / sessions,
                ["rssBytesPerSession"] = rssBefore is { } a && rssAfter is { } b ? (b - a) / sessions : double.NaN,
                ["heapMbAfter"] = heapAfter.Total / 1024.0 / 1024.0,
            };
            Console.Error.WriteLine($"[bench]   {variant.Id}: {metrics["heapBytesPerSession"]:0} B of GC heap per idle session ({metrics["smallObjectBytesPerSession"]:0} B small-object heap, {metrics["rssBytesPerSession"]:0} B RSS)");
            return WithShutdownNote(new RunRecord(Id, variant.Id, round, RunStatus.Ok, null, metrics), server);
        }
    }

    private Task<LoadGenOutput> OpenAsync(RunContext context, ServerProcess server, Variant variant, int round, int count, string suffix) =>
        context.LoadGen.RunAsync(
            ["--url", server.McpUrl, .. variant.LoadArguments, "--mode", "sessions", "--sessions", RunContext.Invariant(count),
             "--connections", RunContext.Invariant(context.Options.Connections), "--label", $"{Id}/{variant.Id}"],
            TimeSpan.FromSeconds(60), context.FileOf(Id, variant.Id, round, suffix + ".json"), context.FileOf(Id, variant.Id, round, suffix + ".loadgen.log"));
}
