using System.Diagnostics;

namespace Mooring.Probe.Observation;

/// <summary>
/// Samples the server every <see cref="Interval"/> while a scenario runs and settles: its sockets by state (from
/// /proc/net/tcp*, only the process's own when a PID is known), threads and RSS (/proc/PID/status), and health
/// latency (its own loop, so a slow health answer does not delay the socket samples). Both loops are owned and
/// awaited by <see cref="StopAsync"/>.
/// </summary>
internal sealed class Observer
{
    /// <summary>250 ms: fine enough to see a CLOSE-WAIT spike of a one-second scenario, cheap enough for /proc.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly int _serverPort;
    private readonly ProcessSampler? _process;
    private readonly HealthChecker _health;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Sample> _samples = [];
    private readonly List<HealthSample> _healthSamples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _loops;
    private volatile int _phase;

    public Observer(int serverPort, ProcessSampler? process, HealthChecker health)
    {
        _serverPort = serverPort;
        _process = process;
        _health = health;
    }

    public Phase Phase
    {
        get => (Phase)_phase;
        set => _phase = (int)value;
    }

    /// <summary>Seconds since the observer started: the time axis of every sample.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public void Start() => _loops = Task.WhenAll(SampleLoopAsync(_stop.Token), HealthLoopAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loops is not null)
        {
            await _loops;
        }

        _stop.Dispose();
    }

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<HealthSample> HealthSamples
    {
        get
        {
            lock (_lock)
            {
                return [.. _healthSamples];
            }
        }
    }

    /// <summary>One observation now, outside the loop (a scenario may want one at a precise moment).</summary>
    public Sample TakeSample()
    {
        SocketCounts? sockets = null;
        if (ProcNetTcp.IsAvailable)
        {
            var inodes = _process?.ReadSocketInodes();
            sockets = SocketCounts.Count(ProcNetTcp.ReadAll(), _serverPort, inodes);
        }

        var status = _process?.ReadStatus();
        return new Sample(Now, Phase, sockets, status?.Threads, status?.RssBytes);
    }

    private async Task SampleLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var sample = TakeSample();
            lock (_lock)
            {
                _samples.Add(sample);
            }
        }
        while (await Tick(timer, cancellationToken));
    }

    private async Task HealthLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var phase = Phase;
            var at = Now;
            var (latency, _) = await _health.CheckAsync(cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            lock (_lock)
            {
                _healthSamples.Add(new HealthSample(at, phase, latency));
            }
        }
        while (await Tick(timer, cancellationToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
