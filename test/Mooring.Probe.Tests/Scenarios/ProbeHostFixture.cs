using Mooring.Probe.Tests.Idle;

namespace Mooring.Probe.Tests.Scenarios;

/// <summary>
/// Mooring.Host with short lifetimes, so that a bounded probe run leaves it idle again within seconds: sessions end
/// after 1 s without activity (the idle sweep runs every quarter of that), a handler whose client left is kept for
/// resumption 1 s, a stopped reader is cut off after a 1 s write (within the probe's --quick hold of about 3 s), and a
/// silent SSE stream gets a heartbeat every second. It also loads <see cref="HostGcProbe"/>, so the tests can read its
/// live managed heap: the host exports no runtime metrics at /metrics (only Mooring's meters, ASP.NET Core hosting
/// and Kestrel), and RSS cannot tell garbage from a leak.
/// </summary>
public sealed class ProbeHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ResumeWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the tests wait for every gauge to return to idle after a probe run: the last session's idle timeout and
    /// the sweep's quarter period, a detached handler's resume window, a stalled write's timeout, and 5 s for a loaded
    /// machine. Mooring normally gets there within about 1.5 s.
    /// </summary>
    public static readonly TimeSpan IdleBound = SessionIdleTimeout * 1.25 + ResumeWindow + WriteTimeout + TimeSpan.FromSeconds(5);

    public ProbeHostFixture() => Host = new HttpHostFixture
    {
        Arguments =
        [
            $"--Mooring:Http:SessionIdleTimeout={SessionIdleTimeout:c}",
            $"--Mooring:Http:ResumeWindow={ResumeWindow:c}",
            $"--Mooring:Http:WriteTimeout={WriteTimeout:c}",
            $"--Mooring:Http:HeartbeatInterval={HeartbeatInterval:c}",
        ],
        EnvironmentVariables = Heap.EnvironmentVariables,
    };

    public HostGcProbe Heap { get; } = new();

    public HttpHostFixture Host { get; }

    /// <summary>
    /// Starts the host, then warms it up: a fresh process compiles each code path on its first use, which can hold a
    /// 2-core machine for a few hundred milliseconds, and the health bound is about a server under fault load,
    /// not about its first second. Three scenarios that leave nothing behind (POST and SSE answers, sessions, tool
    /// calls, cancelled handlers) run once in tiny form, and the host must be back at idle (every watched gauge at 0)
    /// before the tests start, so that each test's own "before" is idle.
    /// </summary>
    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var exit = await ProbeRunner.MainAsync(
            [Host.McpEndpoint.ToString(), "--scenario", "churn,session-flood,disconnect-mid-response", "--quick", "--cycles", "20", "--settle", "100ms"],
            output, output, timeout.Token);
        if (exit is not (ProbeRunner.ExitOk or ProbeRunner.ExitFindings))
        {
            throw new InvalidOperationException($"The warm-up probe run failed with exit {exit}:{Environment.NewLine}{output}");
        }

        using var metrics = new HostMetrics(Host.BaseAddress);
        var idle = IdleGauges.Select(await metrics.ScrapeAsync()).ToDictionary(g => g.Key, _ => 0.0, StringComparer.Ordinal);
        var wait = await metrics.WaitForIdleAsync(idle, IdleBound);
        if (!wait.Reached)
        {
            throw new InvalidOperationException($"The host did not return to idle after the warm-up: {wait.Describe(IdleBound)}");
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Heap.Dispose();
    }
}
