using System.Diagnostics;

namespace Mooring.LoadGen;

/// <summary>The churn run: <see cref="LoadGenOptions.Connections"/> churning clients at once, and the health probe beside them.</summary>
internal static class ChurnRunner
{
    private static readonly TimeSpan HardDeadlineSlack = TimeSpan.FromSeconds(10);

    public static async Task<ChurnResult> RunAsync(LoadGenOptions options)
    {
        using var abort = new CancellationTokenSource();
        abort.CancelAfter((options.RequestTimeout * 3) + options.Warmup + options.Duration + HardDeadlineSlack);

        var workers = Enumerable.Range(0, options.Connections).Select(_ => new ChurnWorker(options)).ToArray();
        var start = Stopwatch.GetTimestamp();
        var warmupEnd = start + LoadRunner.ToTicks(options.Warmup);
        var measureEnd = warmupEnd + LoadRunner.ToTicks(options.Duration);
        var counters = WindowCounters.MeasureAsync(warmupEnd, measureEnd, options.ServerPid, abort.Token);
        var health = ProbeHealthAsync(options, warmupEnd, measureEnd, abort.Token);
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(warmupEnd, measureEnd, abort.Token))));

        var result = new ChurnResult
        {
            Options = options,
            Window = await counters,
            Health = await health,
            WarmupCycles = workers.Sum(w => w.WarmupCycles),
            CyclesWithoutSession = workers.Sum(w => w.CyclesWithoutSession),
            WorkersGaveUp = workers.Count(w => w.GaveUp),
        };
        foreach (var worker in workers)
        {
            result.Latency.Add(worker.Latency);
            for (var i = 0; i < worker.Errors.Length; i++)
            {
                result.ErrorsByOutcome[i] += worker.Errors[i];
            }
        }

        return result;
    }

    /// <summary>The health probe over the measured period only, when a path was given.</summary>
    private static async Task<ProbeResult> ProbeHealthAsync(LoadGenOptions options, long from, long until, CancellationToken abort)
    {
        if (options.HealthPath is null)
        {
            return ProbeResult.None;
        }

        try
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from), abort);
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.None;
        }

        using var probe = LatencyProbe.Health(options);
        return await probe.RunAsync(until, abort);
    }
}
