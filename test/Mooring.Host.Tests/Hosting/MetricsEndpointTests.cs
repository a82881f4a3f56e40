using System.Diagnostics;
using System.Net;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// The host serves its meters as Prometheus text at /metrics: the lease gauges after a session exists, request
/// durations after a request, the event store's size following a session, the outbound queue gauges and the
/// runtime's meter, outside the MCP endpoint's Host/Origin gate.
/// </summary>
public sealed class MetricsEndpointTests(HttpHostFixture host) : IClassFixture<HttpHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Metrics_AfterSessionAndRequest_ShowsSessionsGaugeAndRequestDuration()
    {
        using var client = new McpTestClient(host.McpEndpoint);
        await client.InitializeAsync();
        await client.CallAsync("ping");

        string text = await ScrapeUntilAsync(t => t.Contains("mcp_server_request_duration", StringComparison.Ordinal) && SessionsHeld(t) >= 1);

        Assert.Contains("mcp_server_leases_held{", text, StringComparison.Ordinal);
        Assert.True(SessionsHeld(text) >= 1, text);
        Assert.Contains("mcp_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("mcp_method_name=\"ping\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithForeignHostHeader_StillAnswers()
    {
        // The Host/Origin gate protects the MCP endpoint only; a scraper reaching the host by any name is answered.
        RawHttpResponse response = await RawHttpClient.ExchangeAsync(
            host.BaseAddress,
            new RawHttpRequest { Method = "GET", Target = "/metrics", Host = "metrics.example" });

        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)response.StatusCode);
        Assert.StartsWith("text/plain", response.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterARequest_ShowsAspNetCoreAndKestrelMeters()
    {
        string text = await ScrapeUntilAsync(t => t.Contains("http_server_request_duration", StringComparison.Ordinal) && t.Contains("kestrel_", StringComparison.Ordinal));

        Assert.Contains("kestrel_active_connections", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_EventStoreGauges_FollowASessionsStoredEvents_AndOutboundAndRuntimeSeriesAreThere()
    {
        // A tool that logs answers over SSE, so its events are kept for resumption until the session ends.
        using var client = new McpTestClient(host.McpEndpoint);
        await client.InitializeAsync();
        await client.CallAsync("tools/call", """{"name":"test_tool_with_logging","arguments":{}}""");
        string during = await ScrapeUntilAsync(t => Value(t, "mcp_server_event_store_events") >= 1);
        Assert.True(Value(during, "mcp_server_event_store_bytes") > 0, during);

        Assert.Equal(HttpStatusCode.OK, await client.DeleteAsync());
        string after = await ScrapeUntilAsync(t => Value(t, "mcp_server_event_store_events") == 0);

        Assert.Equal(0, Value(after, "mcp_server_event_store_bytes"));
        Assert.Equal(0, Value(after, "mcp_server_outbound_queue_messages"));
        Assert.Equal(0, Value(after, "mcp_server_outbound_queue_bytes"));
        Assert.True(Value(after, "dotnet_process_memory_working_set_bytes") > 0, after);
        Assert.Contains("dotnet_gc_last_collection_heap_size_bytes{", after, StringComparison.Ordinal);
    }

    // The exporter caches a scrape briefly and observable gauges are read at scrape time, so poll until it shows.
    private async Task<string> ScrapeUntilAsync(Func<string, bool> done)
    {
        using var http = new HttpClient { Timeout = Patience };
        var waited = Stopwatch.StartNew();
        string text;
        do
        {
            text = await http.GetStringAsync(new Uri(host.BaseAddress, "metrics"));
            if (done(text))
            {
                return text;
            }

            await Task.Delay(200);
        }
        while (waited.Elapsed < Patience);

        Assert.Fail($"/metrics never showed the expected series:{Environment.NewLine}{text}");
        return text;
    }

    // The value of an unlabelled series (otel_scope_name aside); -1 when absent, so a missing series never looks idle.
    private static double Value(string text, string name)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private static double SessionsHeld(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("mcp_server_leases_held{", StringComparison.Ordinal) && line.Contains("mcp_budget=\"sessions\"", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
