using ModelContextProtocol.AspNetCore;

// The comparison peer for perf/run-benchmarks.sh: the official C# SDK serving one echo tool
// over Streamable HTTP at /mcp in stateful mode (sessions with MCP-Session-Id), which is the
// mode Mooring is compared against. Start it with: --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);

// Warning and above only: per-request Information logs would measure the console, not the server.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "Mooring.Benchmarks.SdkPeer", Version = "1.0.0" })
    .WithHttpTransport(options =>
    {
        // Explicit, because the SDK's default became stateless; the benchmark compares session-keeping servers.
        options.SessionMode = HttpServerSessionMode.Stateful;
    })
    .WithTools<Mooring.Benchmarks.SdkPeer.EchoTool>();

var app = builder.Build();

app.MapMcp("/mcp");

// Readiness probe for the driver, matching the Mooring host's /health.
app.MapGet("/health", () => Results.Ok());

await app.RunAsync();
