using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mooring.AspNetCore;
using Mooring.Probe.Tests.Idle;
using Mooring.Server;
using Xunit.Abstractions;

namespace Mooring.Probe.Tests.InProcess;

/// <summary>
/// Every scenario in bounded (--quick) form against a Mooring server in this process (real Kestrel on 127.0.0.1), so
/// that memory can be measured exactly: after a warm-up run of the same scenario and the return to idle, the live
/// small-object heap is the baseline; after a second run and the return to idle, it must be back within a small margin.
/// Idle here is every budget of the server's <see cref="McpResourceGovernor"/> at 0, every watched gauge at 0 and no
/// session left, and no server socket in CLOSE-WAIT within 2 s of the scenario's end.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class ProbeInProcessHeapTests : IDisposable
{
    /// <summary>
    /// How far this process's small-object heap (<see cref="HeapFigures"/>, live bytes after forced full collections)
    /// may be from the baseline after the measured run: 2 MB. The warm-up run filled the caches and pools this scenario
    /// uses (JSON metadata, dictionaries grown to size, the thread pool's threads), so a clean second run ends where the
    /// first did, give or take a few hundred KB; and what a server keeps per session, stream or request (the session,
    /// its streams, handlers, timers, cancellation registrations) is small objects, about 0.7 KB per idle legacy session
    /// (perf/run-benchmarks.sh's idle-session figure) and more with streams, multiplied by the run's size: session-flood
    /// opens 6,000 sessions (a 350-byte leak per session fails), churn 2,000 (1 KB each), abandoned-get 1,200 with a GET
    /// stream each (1.7 KB). The log and the failure message give what the run still held at its end, for scale.
    /// Large objects and pinned buffers are given, not compared: they are I/O buffers .NET pools per thread
    /// (ArrayPool's thread slots, Kestrel's block pool), which stopped-reader's 1 MB bodies fill a little more on each
    /// of its first five runs (0 to 11 MB) and then not at all, while its small-object heap stays within 0.2 MB.
    /// </summary>
    private const long HeapMargin = 2 * 1024 * 1024;

    private static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ResumeWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(1);

    /// <summary>As for the host: the last session's idle timeout and sweep, a resume window, a stalled write, and 5 s of slack.</summary>
    private static readonly TimeSpan IdleBound = SessionIdleTimeout * 1.25 + ResumeWindow + WriteTimeout + TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CloseWaitBound = TimeSpan.FromSeconds(2);

    private readonly string _directory = Directory.CreateTempSubdirectory("mooring-probe-heap-").FullName;
    private readonly ITestOutputHelper _log;

    public ProbeInProcessHeapTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> ScenarioNames => [.. Mooring.Probe.Scenarios.ScenarioTable.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Quick_InProcess_HeapReturnsToBaseline(string scenario)
    {
        await using var server = await KestrelTestServer.StartAsync(options =>
        {
            options.PrimitiveTypes.Add(typeof(ProbeTestTools));
            options.ConfigureHttp = http =>
            {
                http.SessionIdleTimeout = SessionIdleTimeout;
                http.ResumeWindow = ResumeWindow;
                http.WriteTimeout = WriteTimeout;
                http.HeartbeatInterval = TimeSpan.FromSeconds(1);
            };

            // Errors still fail the test; Debug entries are not kept, or thousands of captured log lines per run would
            // be the heap growth measured here.
            options.ConfigureServices = services => services.Configure<LoggerFilterOptions>(f => f.MinLevel = LogLevel.Warning);
        });
        using var gauges = new InProcessGauges(server.Services.GetRequiredService<IMeterFactory>());
        var missing = IdleGauges.MissingBudgets(gauges.Read());
        Assert.True(missing.Count == 0, $"no {IdleGauges.LeasesHeld} gauge observed for: {string.Join(", ", missing)}");

        await RunAndReturnToIdleAsync(server, gauges, scenario);
        var baseline = HeapFigures.Measure();

        var run = await RunAndReturnToIdleAsync(server, gauges, scenario);
        var after = HeapFigures.Measure();

        var grown = after.SmallObjectHeap - baseline.SmallObjectHeap;
        var held = run.HeldAtEnd.SmallObjectHeap - baseline.SmallObjectHeap;
        _log.WriteLine($"heap at idle: baseline {baseline}; after the run {after}; small objects held at the run's end {HeapFigures.Mb(held)} MB over the baseline");
        Assert.True(grown <= HeapMargin,
            $"{scenario}: the small-object heap at idle grew {HeapFigures.Mb(grown)} MB over the baseline after the second run, margin {HeapFigures.Mb(HeapMargin)} MB. " +
            $"At its end the run held {HeapFigures.Mb(held)} MB over the baseline ({run.Probe.Result.GetProperty("sessionsOpened").GetInt32()} sessions). " +
            $"Baseline: {baseline}; after: {after}.");
    }

    /// <summary>Runs the scenario, then asserts CLOSE-WAIT is gone within 2 s of its end and the server is idle within <see cref="IdleBound"/>.</summary>
    private async Task<(ProbeRun Probe, HeapFigures HeldAtEnd)> RunAndReturnToIdleAsync(KestrelTestServer server, InProcessGauges gauges, string scenario)
    {
        var probe = await ProbeRun.RunAsync(server.McpEndpoint, scenario, _directory);

        var closeWait = await ServerSockets.WaitForNoCloseWaitAsync(Environment.ProcessId, server.BaseAddress.Port, CloseWaitBound - ProbeRun.Settle - probe.SinceReturn.Elapsed);
        Assert.True(closeWait == 0, $"{scenario}: {closeWait} server sockets still in CLOSE-WAIT 2 s after the scenario.{Environment.NewLine}{probe.Describe}");

        // What the server still holds as the probe returns: sessions waiting for their idle timeout, mostly.
        var heldAtEnd = HeapFigures.Measure();

        var governor = server.McpServer.Governor;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> stillHeld;
        while (true)
        {
            stillHeld = StillHeld(server, governor, gauges);
            if (stillHeld.Count == 0 || clock.Elapsed >= IdleBound)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        _log.WriteLine($"{scenario}: {(stillHeld.Count == 0 ? "idle" : "not idle")} {clock.Elapsed.TotalSeconds:0.0} s after the probe returned");
        Assert.True(stillHeld.Count == 0,
            $"{scenario}: not idle {clock.Elapsed.TotalSeconds:0.0} s after the probe returned (bound {IdleBound.TotalSeconds:0.#} s); still held:" +
            $"{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", stillHeld)}{Environment.NewLine}{probe.Output}");
        return (probe, heldAtEnd);
    }

    /// <summary>Everything not at idle: budgets of the governor, watched gauges (idle 0 on a server of its own), sessions, stored events.</summary>
    private static List<string> StillHeld(KestrelTestServer server, McpResourceGovernor governor, InProcessGauges gauges)
    {
        List<string> held = [.. governor.Snapshot().Where(b => b.Value != 0).Select(b => $"budget {b.Key} = {b.Value}")];
        held.AddRange(gauges.Read().Where(g => g.Value != 0).Select(g => $"{g.Key} = {g.Value.ToString(CultureInfo.InvariantCulture)}"));
        if (server.McpServer.SessionCount != 0)
        {
            held.Add($"McpServer.SessionCount = {server.McpServer.SessionCount}");
        }

        if (server.Services.GetService<IMcpEventStore>() is InMemoryMcpEventStore { Count: > 0 } store)
        {
            held.Add($"event store: {store.Count} events, {store.Bytes} bytes");
        }

        return held;
    }

}
