using ModelContextProtocol.AspNetCore;
using Mooring.Benchmarks.SdkPeer;

// The comparison peer for perf/run-benchmarks.sh: the official C# SDK serving the benchmark tools (echo, progress_echo)
// over Streamable HTTP at /mcp. Start it with: --urls http://127.0.0.1:PORT [--mode stateful|stateless]
//   stateful (default here): sessions with MCP-Session-Id, the mode Mooring's legacy sessions are compared against.
//   stateless: the SDK's own default (HttpServerTransportOptions.Stateless = true): no session, initialize answered
//              per request, GET and DELETE unavailable; 2026-07-28 requests are served too.
var builder = WebApplication.CreateSlimBuilder(args);

// Warning and above only: per-request Information logs would measure the console, not the server.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

bool stateless = builder.Configuration["mode"] switch
{
    null or "stateful" => false,
    "stateless" => true,
    var other => throw new ArgumentException($"Unknown --mode '{other}'; expected stateful or stateless."),
};

// Idle sessions the SDK keeps before it ends the oldest (its default 10,000): the stream benchmark holds 10,000 sessions
// with an open GET stream plus its probes, so the driver raises it with --max-idle-sessions.
int? maxIdleSessions = builder.Configuration.GetValue<int?>("max-idle-sessions");

builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "Mooring.Benchmarks.SdkPeer", Version = "1.0.0" })
    .WithHttpTransport(options =>
    {
        // Explicit either way: the SDK's default became stateless, and the benchmark names the mode it measures.
        options.Stateless = stateless;
        if (maxIdleSessions is { } max)
        {
            // Obsolete only as a nudge away from stateful mode, which is exactly what this peer measures.
#pragma warning disable MCP9006
            options.MaxIdleSessionCount = max;
#pragma warning restore MCP9006
        }
    })
    .WithTools<EchoTool>()
    .WithTools<ProgressEchoTool>();

var app = builder.Build();

app.MapMcp("/mcp");

// Readiness probe for the driver and the latency probe of the churn and stream benchmarks, like the Mooring host's /health.
app.MapGet("/health", () => Results.Ok());

await app.RunAsync();
