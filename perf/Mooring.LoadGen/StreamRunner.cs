using System.Diagnostics;

namespace Mooring.LoadGen;

/// <summary>
/// The stream run: probes for a baseline, opens <see cref="LoadGenOptions.Streams"/> SSE streams, holds them for
/// <see cref="LoadGenOptions.Hold"/> while timing their arrivals and probing again, reports, then (with
/// <see cref="LoadGenOptions.Linger"/>) keeps them open until standard input ends so the server can be measured.
/// </summary>
internal static class StreamRunner
{
    /// <summary>Room for opening the streams on top of the run's own periods in the hard deadline.</summary>
    private static readonly TimeSpan OpeningAllowance = TimeSpan.FromMinutes(3);

    public static async Task<StreamsResult> RunAsync(LoadGenOptions options)
    {
        // Owned by the result, which cancels and disposes it after the linger (streams' readers watch it).
        var abort = new CancellationTokenSource();
        abort.CancelAfter(options.Baseline + options.Hold + options.Linger + (options.RequestTimeout * 4) + OpeningAllowance);

        // The tools/call probe: in its own legacy session for GET streams, stateless for listen streams.
        string? probeSession = null;
        if (options.StreamKind == StreamKind.Get)
        {
            var (error, id) = await LoadRunner.HandshakeAsync(options, abort.Token);
            if (error is not null)
            {
                abort.Dispose();
                return new StreamsResult { Options = options, SetupError = error, Streams = [], Abort = null };
            }

            probeSession = id;
        }

        using var health = options.HealthPath is null ? null : LatencyProbe.Health(options);
        using var call = LatencyProbe.ToolsCall(options, options.StreamKind == StreamKind.Get ? RequestShape.Legacy : RequestShape.Modern, probeSession);

        // The probes' first requests are slower on both sides (JIT, first connection): a warm-up as long as the
        // baseline, at most a second, keeps them out of the figures compared with the hold period.
        var probeWarmup = TimeSpan.FromSeconds(Math.Min(1, options.Baseline.TotalSeconds));
        await ProbeAsync(health, call, Stopwatch.GetTimestamp() + LoadRunner.ToTicks(probeWarmup), abort.Token);
        var baselineEnd = Stopwatch.GetTimestamp() + LoadRunner.ToTicks(options.Baseline);
        var (healthBefore, callBefore) = await ProbeAsync(health, call, baselineEnd, abort.Token);

        var openStart = Stopwatch.GetTimestamp();
        var errors = new long[Enum.GetValues<ExchangeOutcome>().Length];
        var requests = new List<byte[]>(options.Streams);
        if (options.StreamKind == StreamKind.Get)
        {
            var sessions = await SessionOpener.OpenAsync(options, options.Streams, abort.Token);
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] += sessions.ErrorsByOutcome[i];
            }

            requests.AddRange(sessions.SessionIds.Select(id => McpRequests.GetStream(options.Url, id)));
        }
        else
        {
            requests.AddRange(Enumerable.Range(0, options.Streams).Select(i => McpRequests.Listen(options.Url, McpRequests.FixedId + i)));
        }

        var streams = new HeldStream?[requests.Count];
        var next = -1;
        async Task OpenSomeAsync()
        {
            int index;
            while (!abort.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < requests.Count)
            {
                var (stream, outcome) = await HeldStream.OpenAsync(options, requests[index], abort.Token);
                streams[index] = stream;
                if (outcome != ExchangeOutcome.Ok)
                {
                    Interlocked.Increment(ref errors[(int)outcome]);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Connections, Math.Max(1, requests.Count))).Select(_ => Task.Run(OpenSomeAsync)));
        var opened = streams.OfType<HeldStream>().ToArray();
        var openElapsed = Stopwatch.GetElapsedTime(openStart);

        var holdStart = Stopwatch.GetTimestamp();
        var holdEnd = holdStart + LoadRunner.ToTicks(options.Hold);
        foreach (var stream in opened)
        {
            stream.SetWindow(holdStart, holdEnd);
        }

        var (healthDuring, callDuring) = await ProbeAsync(health, call, holdEnd, abort.Token);
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), holdEnd);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, abort.Token);
        }

        return new StreamsResult
        {
            Options = options,
            Streams = opened,
            Abort = abort,
            OpenErrorsByOutcome = errors,
            OpenElapsed = openElapsed,
            HealthBefore = healthBefore,
            HealthDuring = healthDuring,
            CallBefore = callBefore,
            CallDuring = callDuring,
            HoldEnd = holdEnd,
        };
    }

    private static async Task<(ProbeResult Health, ProbeResult Call)> ProbeAsync(LatencyProbe? health, LatencyProbe call, long until, CancellationToken abort)
    {
        var healthTask = health is null ? Task.FromResult(ProbeResult.None) : health.RunAsync(until, abort);
        var callTask = call.RunAsync(until, abort);
        return (await healthTask, await callTask);
    }
}
