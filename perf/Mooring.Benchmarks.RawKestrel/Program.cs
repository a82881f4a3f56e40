using Mooring.Benchmarks.RawKestrel;

// The ceiling for perf/run-benchmarks.sh: what Kestrel alone costs for a request of the same size
// and a response of the same bytes as an MCP tools/call, with no JSON-RPC or session work.
// Start it with: --urls http://127.0.0.1:PORT [--format json|sse]
var builder = WebApplication.CreateSlimBuilder(args);

// Warning and above only, like every server in the comparison.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();

// json (default): Content-Length body, the cheapest framing. sse: one event on a chunked stream,
// the framing stateful MCP servers use for POST responses; kept for later modes of the driver.
RequestDelegate respond = app.Configuration["format"] switch
{
    null or "json" => FixedResponse.WriteJsonAsync,
    "sse" => FixedResponse.WriteSseAsync,
    var other => throw new ArgumentException($"Unknown --format '{other}'; expected json or sse."),
};

app.MapPost("/mcp", respond);

// Readiness probe for the driver, like the other servers' /health.
app.MapGet("/health", () => Results.Ok());

await app.RunAsync();
