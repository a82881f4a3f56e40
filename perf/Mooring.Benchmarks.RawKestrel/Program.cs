using Mooring.Benchmarks.RawKestrel;

// The ceiling for perf/run-benchmarks.sh: what Kestrel alone costs for a request of the same size
// and a response of the same bytes as an MCP tools/call, with no JSON-RPC or session work.
// Start it with: --urls http://127.0.0.1:PORT [--format json|json-modern|sse|sse-progress|sse-hold] [--heartbeat SECONDS]
var builder = WebApplication.CreateSlimBuilder(args);

// Warning and above only, like every server in the comparison.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// As Mooring.Host ships: no per-request hosting log scope (its request start/finish lines are Information anyway).
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

var app = builder.Build();

// json (default): Content-Length body, the cheapest framing, for legacy JSON responses.
// json-modern: the same with the 2026-07-28 result's extra members, for the modern stateless comparison.
// sse: one event on a chunked stream. sse-progress: a progress event, flushed, then the result: the SSE response mode.
// sse-hold: subscriptions/listen held open with a heartbeat every --heartbeat seconds (default 15), the floor of a held stream.
RequestDelegate respond = app.Configuration["format"] switch
{
    null or "json" => FixedResponse.WriteJsonAsync,
    "json-modern" => FixedResponse.WriteModernJsonAsync,
    "sse" => FixedResponse.WriteSseAsync,
    "sse-progress" => FixedResponse.WriteSseWithProgressAsync,
    "sse-hold" => HeldStream.Create(TimeSpan.FromSeconds(app.Configuration.GetValue("heartbeat", 15.0))),
    var other => throw new ArgumentException($"Unknown --format '{other}'; expected json, json-modern, sse, sse-progress or sse-hold."),
};

app.MapPost("/mcp", respond);

// Readiness probe for the driver, like the other servers' /health.
app.MapGet("/health", () => Results.Ok());

await app.RunAsync();
