using System.Diagnostics;
using System.Text.Json;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// Health stays responsive while tool code blocks its threads: synchronous handlers run under a concurrency cap and the
/// thread pool keeps threads in reserve, so /health answers quickly under a pile of blocking calls.
/// </summary>
public sealed class BlockingHandlersTests : IClassFixture<HttpHostFixture>
{
    private readonly HttpHostFixture _host;

    public BlockingHandlersTests(HttpHostFixture host) => _host = host;

    [Fact]
    public async Task ManyBlockingToolCalls_KeepHealthUnder100MsAtP99_AndAllComplete()
    {
        using var client = new McpTestClient(_host.McpEndpoint);
        await client.InitializeAsync();

        // Far more blocking calls than the cap (the processor count, at least 4), each blocking its thread for 1 s.
        Task<JsonElement>[] calls = [.. Enumerable.Range(0, 32).Select(_ => client.CallAsync("tools/call", """{"name":"blocking_sleep","arguments":{"ms":1000}}"""))];

        using var health = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        while (!calls.All(c => c.IsCompleted) && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await health.GetAsync(new Uri(_host.BaseAddress, "health"));
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Assert.True(response.IsSuccessStatusCode);
            await Task.Delay(20);
        }

        JsonElement[] results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal("Blocked 1000 ms.", r.GetProperty("content")[0].GetProperty("text").GetString()));
        Assert.True(latencies.Count >= 20, $"only {latencies.Count} health samples");
        double p99 = latencies.Order().ElementAt((int)Math.Ceiling(latencies.Count * 0.99) - 1);
        Assert.True(p99 < 100, $"health p99 {p99:0.0} ms over {latencies.Count} samples (max {latencies.Max():0.0} ms)");
    }
}
