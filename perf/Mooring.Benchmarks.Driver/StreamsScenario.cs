namespace Mooring.Benchmarks.Driver;

/// <summary>
/// <see cref="DriverOptions.Streams"/> SSE streams held open at once by a separate client process: memory per stream
/// (RSS, and the live heap after a forced collection, against a baseline taken before they opened), whether
/// heartbeats arrive on time (each stream's longest silence against the interval), and /health and tools/call
/// latency before and while the streams are held.
/// </summary>
internal sealed class StreamsScenario : Scenario
{
    /// <summary>Streams opened and closed before the baseline, so that first-use costs are not counted per stream (full setting only).</summary>
    private const int WarmupStreams = 100;

    /// <summary>Streams opened at once: the server accepts that many connections in parallel, the rest queue in the client.</summary>
    private const int OpenConcurrency = 64;

    private static readonly Metric[] Figures =
    [
        new("opened", "streams", 0),
        new("rssBytesPerStream", "RSS B/stream", 0),
        new("heapBytesPerStream", "GC heap B/stream", 0),
        new("smallObjectBytesPerStream", "small-object heap B/stream", 0),
        new("gapP50Ms", "longest silence p50 ms", 0),
        new("gapMaxMs", "longest silence max ms", 0),
        new("lateStreams", "late streams", 0),
        new("closedDuringHold", "closed early", 0),
        new("healthBeforeP50Ms", "/health p50 ms before", 3),
        new("healthDuringP50Ms", "/health p50 ms held", 3),
        new("healthDuringP99Ms", "/health p99 ms held", 3),
        new("callBeforeP50Ms", "tools/call p50 ms before", 3),
        new("callDuringP50Ms", "tools/call p50 ms held", 3),
        new("callDuringP99Ms", "tools/call p99 ms held", 3),
    ];

    public override IReadOnlyList<Metric> Metrics => Figures;

    /// <summary>Memory and heartbeats; then latency before and while the streams are held.</summary>
    public override IReadOnlyList<IReadOnlyList<Metric>> MetricTables => [Figures[..8], [Figures[0], .. Figures[8..]]];

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
            string[] common = ["--url", server.McpUrl, .. variant.LoadArguments, "--mode", "streams", "--health-path", "/health",
                "--heartbeat", RunContext.Invariant(options.Heartbeat), "--connections", RunContext.Invariant(OpenConcurrency)];
            if (!options.Short)
            {
                var warmup = await context.LoadGen.RunAsync(
                    [.. common, "--streams", RunContext.Invariant(WarmupStreams), "--hold", "0.5", "--baseline", "0.5", "--label", $"{Id}/{variant.Id}/warm-up"],
                    TimeSpan.FromSeconds(10), context.FileOf(Id, variant.Id, round, "-warmup.json"), context.FileOf(Id, variant.Id, round, "-warmup.loadgen.log"));
                if (!warmup.Ok)
                {
                    return WithShutdownNote(RunRecord.Failed(Id, variant.Id, round, "warm-up " + Failure(warmup, "openErrorsByKind")), server);
                }
            }

            var heapBefore = await heap.MeasureAsync();
            var rssBefore = server.ReadRssBytes();
            var baseline = options.Short ? 0.5 : 3;
            var expected = TimeSpan.FromSeconds(baseline + options.Hold + (options.Streams / 500.0));
            await using var held = await context.LoadGen.StartHeldAsync(
                [.. common, "--streams", RunContext.Invariant(options.Streams), "--hold", RunContext.Invariant(options.Hold),
                 "--baseline", RunContext.Invariant(baseline), "--linger", "300", "--label", $"{Id}/{variant.Id}"],
                expected, context.FileOf(Id, variant.Id, round, ".json"), context.FileOf(Id, variant.Id, round, ".loadgen.log"));

            // Measured while the streams are held: RSS first, then the heap (its forced collection comes after the hold,
            // so it cannot delay a heartbeat that was timed).
            var rssAfter = held.Reported ? server.ReadRssBytes() : null;
            var heapAfter = held.Reported ? await heap.MeasureAsync() : null;
            var output = await held.ReleaseAsync();
            Console.Error.WriteLine($"[bench]   {output.LastLog}");
            await server.StopAsync();
            if (!output.Ok || heapAfter is null)
            {
                return WithShutdownNote(RunRecord.Failed(Id, variant.Id, round, Failure(output, "openErrorsByKind")), server);
            }

            var opened = output.Number("opened");
            var metrics = Figures.ToDictionary(f => f.Key, f => output.Number(f.Key));
            metrics["rssBytesPerStream"] = rssBefore is { } a && rssAfter is { } b ? (b - a) / opened : double.NaN;
            metrics["heapBytesPerStream"] = (heapAfter.Total - heapBefore.Total) / opened;
            metrics["smallObjectBytesPerStream"] = (heapAfter.SmallObjectHeap - heapBefore.SmallObjectHeap) / opened;
            Console.Error.WriteLine($"[bench]   {variant.Id}: {metrics["rssBytesPerStream"]:0} B RSS, {metrics["heapBytesPerStream"]:0} B GC heap per stream");
            return WithShutdownNote(new RunRecord(Id, variant.Id, round, RunStatus.Ok, null, metrics), server);
        }
    }
}
