using System.Diagnostics;
using System.Net;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// Reads a server process's /metrics (Prometheus text) and /health from outside. Every request closes its connection,
/// so these reads never appear as a held ESTABLISHED socket in the probe's figures.
/// </summary>
internal sealed class HostMetrics : IDisposable
{
    /// <summary>How often the gauges are read while waiting for idle.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http;

    public HostMetrics(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        _http.DefaultRequestHeaders.ConnectionClose = true;
    }

    public async Task<IReadOnlyList<PrometheusSeries>> ScrapeAsync()
    {
        using var response = await _http.GetAsync(new Uri("metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Null when GET /health answered 200 within the client's timeout; otherwise what went wrong.</summary>
    public async Task<string?> CheckHealthAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("health", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK ? null : $"GET /health answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"GET /health failed: {e.GetType().Name} {e.Message}";
        }
    }

    /// <summary>
    /// Polls the watched gauges (<see cref="IdleGauges"/>) until every one is back to its value in
    /// <paramref name="idle"/>, or <paramref name="bound"/> passed, checking /health at every look.
    /// </summary>
    public async Task<IdleWait> WaitForIdleAsync(IReadOnlyDictionary<string, double> idle, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var healthFailures = new List<string>();
        var checks = 0;
        while (true)
        {
            var differences = IdleGauges.Differences(idle, IdleGauges.Select(await ScrapeAsync()));
            checks++;
            if (await CheckHealthAsync() is { } failure)
            {
                healthFailures.Add($"{clock.Elapsed.TotalSeconds:0.00} s: {failure}");
            }

            if (differences.Count == 0 || clock.Elapsed >= bound)
            {
                return new IdleWait(differences.Count == 0, clock.Elapsed, differences, checks, healthFailures);
            }

            await Task.Delay(PollInterval);
        }
    }

    public void Dispose() => _http.Dispose();
}
