using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The servers, the scenarios and the ratios of the comparison, in one place: a new server mode or scenario is a few
/// lines here. Variant ids are the server ids, except where one server appears twice in a scenario.
/// </summary>
internal static class Catalog
{
    public const string Mooring = "mooring";
    public const string Sdk = "sdk";
    public const string SdkStateless = "sdk-stateless";
    public const string Raw = "raw";

    /// <summary>The Mooring host published with Native AOT (<see cref="NativeHost"/>); only the cold-start scenario runs it.</summary>
    public const string Aot = "aot";

    /// <summary>The cold-start variant of the Mooring host run with <c>dotnet</c> (server <see cref="Mooring"/>).</summary>
    public const string Jit = "jit";

    public const string Legacy = "legacy";
    public const string Modern = "modern";
    public const string Sse = "sse";
    public const string Churn = "churn";
    public const string Sessions = "sessions";
    public const string Streams = "streams";
    public const string ColdStart = "coldstart";
    public const string Micro = "micro";

    /// <summary>The tool of the SSE response mode: one progress notification, then the echo (Mooring.Host's fixture, and the SDK peer's copy).</summary>
    public const string ProgressEchoTool = "progress_echo";

    public static IReadOnlyList<string> SkipNames { get; } = [Mooring, Aot, Sdk, SdkStateless, Raw, Legacy, Modern, Sse, Churn, Sessions, Streams, ColdStart, Micro];

    private static readonly Metric[] RequestFigures =
    [
        new("rps", "req/s", 0),
        new("p50Ms", "p50 ms", 3),
        new("p99Ms", "p99 ms", 3),
        new("serverCpuUsPerRequest", "server CPU µs/req", 1),
        new("errors", "errors", 0),
    ];

    private static readonly Metric[] ChurnFigures =
    [
        new("cyclesPerSecond", "cycles/s", 0),
        new("p50Ms", "cycle p50 ms", 2),
        new("p99Ms", "cycle p99 ms", 2),
        new("healthP50Ms", "/health p50 ms", 3),
        new("healthP99Ms", "/health p99 ms", 3),
        new("healthMaxMs", "/health max ms", 1),
        new("serverCpuUsPerCycle", "server CPU µs/cycle", 0),
        new("errors", "errors", 0),
    ];

    public static IReadOnlyDictionary<string, ServerDefinition> Servers(string root)
    {
        const string Release = "bin/Release/net10.0";
        var mooringDll = Environment.GetEnvironmentVariable("MOORING_HOST_DLL") is { Length: > 0 } dll
            ? Path.GetFullPath(dll)
            : Path.Combine(root, "src/Mooring.Host", Release, "Mooring.Host.dll");
        var sdkDll = Path.Combine(root, "perf/Mooring.Benchmarks.SdkPeer", Release, "Mooring.Benchmarks.SdkPeer.dll");
        ServerDefinition[] servers =
        [
            new(Mooring, "Mooring (src/Mooring.Host)", mooringDll, []),
            new(Sdk, "Official C# SDK 2.3.1, stateful (perf/Mooring.Benchmarks.SdkPeer)", sdkDll, ["--mode", "stateful"]),
            new(SdkStateless, "Official C# SDK 2.3.1, stateless, its default (perf/Mooring.Benchmarks.SdkPeer)", sdkDll, ["--mode", "stateless"]),
            new(Raw, "Raw Kestrel, fixed response (perf/Mooring.Benchmarks.RawKestrel)", Path.Combine(root, "perf/Mooring.Benchmarks.RawKestrel", Release, "Mooring.Benchmarks.RawKestrel.dll"), []),

            // The same project published with Native AOT; its runtimeconfig settings (server GC) are compiled in.
            new(Aot, "Mooring (src/Mooring.Host), Native AOT, linux-x64", NativeHost.PathFor(root), [])
            {
                Native = true,
                RuntimeConfig = Path.ChangeExtension(mooringDll, ".runtimeconfig.json"),
            },
        ];
        return servers.ToDictionary(s => s.Id);
    }

    public static IReadOnlyList<Scenario> Scenarios(DriverOptions options)
    {
        var streamLimit = (options.Streams + 1_000).ToString(CultureInfo.InvariantCulture);
        var heartbeat = TimeSpan.FromSeconds(options.Heartbeat).ToString("c", CultureInfo.InvariantCulture);
        string[] mooringStreams =
        [
            $"--Mooring:Http:HeartbeatInterval={heartbeat}",

            // Keep-alive pings would be written on the same GET streams and answered by no one: off, so the silences
            // timed are the heartbeats'. (Listen streams get no pings anyway.)
            "--Mooring:Http:KeepAliveInterval=00:00:00",

            // Room for every stream (and its session) plus the probes: the defaults are 10,000 each.
            $"--Mooring:Limits:MaxSessions={streamLimit}",
            $"--Mooring:Limits:MaxGetStreams={streamLimit}",
            $"--Mooring:Limits:MaxListenStreams={streamLimit}",
        ];

        return
        [
            new LoadRunScenario
            {
                Id = Legacy,
                Title = "Legacy session, tools/call echo, JSON response",
                Description =
                [
                    "`tools/call` of `echo` with `{\"text\":\"hello\"}`, protocol 2025-11-25: one `initialize` / `notifications/initialized`,",
                    "then every connection sends requests back to back in that one session (`MCP-Session-Id`, `MCP-Protocol-Version`).",
                    "The SDK in stateless mode answers `initialize` without a session, so its requests carry none. Mooring answers",
                    "with a JSON body; the SDK answers every POST with an SSE stream of one event (its only framing). Raw Kestrel reads",
                    "the same request and writes a fixed result with Content-Length. Server CPU: `/proc/PID/stat` utime + stime over",
                    "the measured period, per successful request.",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring", [], ["--mode", "legacy"]),
                    new(Sdk, Sdk, "SDK stateful", [], ["--mode", "legacy"]),
                    new(SdkStateless, SdkStateless, "SDK stateless", [], ["--mode", "legacy"]),
                    new(Raw, Raw, "raw Kestrel", ["--format", "json"], ["--mode", "raw"]),
                ],
                Figures = RequestFigures,
            },
            new LoadRunScenario
            {
                Id = Modern,
                Title = "Modern (2026-07-28) stateless tools/call echo",
                Description =
                [
                    "No `initialize`, no session: each request carries `MCP-Protocol-Version: 2026-07-28`, `Mcp-Method: tools/call`,",
                    "`Mcp-Name: echo` and `params._meta` with `io.modelcontextprotocol/protocolVersion` and empty",
                    "`io.modelcontextprotocol/clientCapabilities`. The SDK is in stateless mode, which serves this revision. Raw",
                    "Kestrel reads the same request bytes and writes a fixed modern result (with `resultType` and the server's",
                    "identity in `_meta`, as a 2026-07-28 server must).",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring", [], ["--mode", "modern"]),
                    new(SdkStateless, SdkStateless, "SDK stateless", [], ["--mode", "modern"]),
                    new(Raw, Raw, "raw Kestrel", ["--format", "json-modern"], ["--mode", "raw", "--shape", "modern"]),
                ],
                Figures = RequestFigures,
            },
            new LoadRunScenario
            {
                Id = Sse,
                Title = "SSE response mode: one progress notification, then the result",
                Description =
                [
                    $"Legacy session, `tools/call` of `{ProgressEchoTool}` with `_meta.progressToken`: the tool sends one",
                    "`notifications/progress` and returns the echo, so the answer is an SSE stream of two events. An answer counts",
                    "only if a progress event came before the result. Raw Kestrel writes a fixed progress event, flushes, then the",
                    "result event. A server without the tool is reported as not measured.",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring", [], ["--mode", "legacy", "--tool", ProgressEchoTool, "--progress"]) { RequiredTool = ProgressEchoTool },
                    new(Sdk, Sdk, "SDK stateful", [], ["--mode", "legacy", "--tool", ProgressEchoTool, "--progress"]),
                    new(Raw, Raw, "raw Kestrel", ["--format", "sse-progress"], ["--mode", "raw", "--tool", ProgressEchoTool, "--progress"]),
                ],
                Figures = RequestFigures,
            },
            new LoadRunScenario
            {
                Id = Churn,
                Title = "Session churn: initialize → initialized → tools/call → close",
                Description =
                [
                    $"{options.Connections} clients at once, each cycle on a new connection: `initialize`, `notifications/initialized`,",
                    "`tools/call` echo in the new session, then the connection is closed without DELETE (the server keeps or evicts",
                    "the session by its own rules). A cycle counts when the echo came back. Meanwhile a separate loop on its own",
                    "keep-alive connection sends `GET /health` every 10 ms; its latency is over the measured period.",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring", [], ["--mode", "churn", "--health-path", "/health"]),
                    new(Sdk, Sdk, "SDK stateful", [], ["--mode", "churn", "--health-path", "/health"]),
                ],
                Figures = ChurnFigures,
            },
            new IdleSessionsScenario
            {
                Id = Sessions,
                Title = "GC heap per idle legacy session",
                Description =
                [
                    $"{options.Sessions} sessions opened (initialize + initialized, {options.Connections} at a time), then left idle. The server",
                    "runs with perf/Mooring.Benchmarks.HeapProbe as a startup hook (`DOTNET_STARTUP_HOOKS`), which on request forces",
                    "full collections and reports the live heap. Figures are the growth from a baseline taken after warm-up sessions,",
                    "divided by the sessions opened: all live bytes, the small-object heap alone, and RSS.",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring", [], []),
                    new(Sdk, Sdk, "SDK stateful", [], []),
                ],
            },
            new StreamsScenario
            {
                Id = Streams,
                Title = $"{options.Streams.ToString("N0", CultureInfo.InvariantCulture)} concurrent SSE streams with heartbeats",
                Description =
                [
                    $"A separate client process opens {options.Streams} streams, 64 at a time, and holds them for {options.Hold} s: legacy, a",
                    "session each and its `GET` stream; modern, a `subscriptions/listen` each (no session). Mooring's heartbeat",
                    $"interval is {options.Heartbeat} s (`--Mooring:Http:HeartbeatInterval`), keep-alive pings are off, and its caps are raised",
                    $"above the stream count; the SDK peer's idle-session cap likewise. Memory per stream: server RSS and live GC heap",
                    "(forced collection, startup hook) while all are held, less a baseline before they opened, over the streams open.",
                    "Each stream's longest silence in the hold period is timed: on time means about one heartbeat interval; a stream",
                    $"silent for more than 1.5 intervals is late. The SDK sends no heartbeats, so its silence is the whole hold.",
                    "`/health` and a `tools/call` echo are probed every 10 ms before the streams open and while they are held.",
                    "Raw Kestrel (`--format sse-hold`) is the floor: it holds each `subscriptions/listen` POST as an SSE stream with",
                    "a `Task.Delay` heartbeat loop and no MCP state, so what it costs per stream is Kestrel's own connection.",
                ],
                Variants =
                [
                    new(Mooring, Mooring, "Mooring, GET per session", mooringStreams, ["--stream-kind", "get"]),
                    new("mooring-listen", Mooring, "Mooring, subscriptions/listen", mooringStreams, ["--stream-kind", "listen"]),
                    new(Sdk, Sdk, "SDK stateful, GET per session", ["--max-idle-sessions", streamLimit], ["--stream-kind", "get"]),
                    new(Raw, Raw, "raw Kestrel, held listen stream", ["--format", "sse-hold", "--heartbeat", options.Heartbeat.ToString(CultureInfo.InvariantCulture)], ["--stream-kind", "listen"]),
                ],
            },
            new ColdStartScenario
            {
                Id = ColdStart,
                Title = "Cold start: process start to the first answered tools/call",
                Description =
                [
                    "Each start creates the server process with its port chosen up front (`--urls http://127.0.0.1:PORT`, Warning-level",
                    "logging); the driver connects to that port every 1 ms until a connect is accepted, then on that one keep-alive",
                    "HTTP/1.1 connection (HttpClient) sends `initialize` (2025-11-25), `notifications/initialized` and `tools/call` of",
                    "`echo` with `{\"text\":\"hello\"}`. *To tools/call* is from just before the process is created to the end of the",
                    "echo's answer (checked after the clock stops); *to listening* is to the first accepted connect; *to /health* is a",
                    "separate start, timed to its first `GET /health` 200; RSS is the server's VmRSS right after the tools/call answer.",
                    $"Each round starts every server {options.ColdStarts} times for each probe, interleaved, after one start of each that is",
                    "not recorded (it warms the driver's own client code and the file cache: cold processes, not a cold disk); each",
                    "server is stopped by its PID (SIGTERM) before the next start. The native host is `dotnet publish -r linux-x64` of",
                    "src/Mooring.Host (`PublishAot`); the JIT host and the SDK peer (stateful) run with `dotnet`, on the shared",
                    "framework's ReadyToRun code with tiered compilation, the defaults.",
                ],
                Variants =
                [
                    new(Aot, Aot, "Mooring, native AOT", [], []),
                    new(Jit, Mooring, "Mooring, JIT (dotnet Mooring.Host.dll)", [], []),
                    new(Sdk, Sdk, "SDK stateful (dotnet)", [], []),
                ],
            },
        ];
    }

    /// <summary>The ratios shown side by side and charted, with the issue's targets.</summary>
    public static IReadOnlyList<Ratio> Ratios { get; } =
    [
        new("Legacy JSON req/s: Mooring / raw Kestrel", Legacy, "rps", Mooring, Raw, 0.85),
        new("Legacy JSON CPU per request: Mooring / raw Kestrel", Legacy, "serverCpuUsPerRequest", Mooring, Raw, 1.2, AtMost: true),
        new("Legacy JSON req/s: Mooring / SDK stateful", Legacy, "rps", Mooring, Sdk),
        new("Legacy JSON req/s: Mooring / SDK stateless", Legacy, "rps", Mooring, SdkStateless),
        new("Legacy JSON req/s: SDK stateful / raw Kestrel", Legacy, "rps", Sdk, Raw),
        new("Legacy JSON req/s: SDK stateless / raw Kestrel", Legacy, "rps", SdkStateless, Raw),
        new("Legacy JSON CPU per request: SDK stateful / raw Kestrel", Legacy, "serverCpuUsPerRequest", Sdk, Raw),
        new("Modern stateless req/s: Mooring / raw Kestrel", Modern, "rps", Mooring, Raw, 0.8),
        new("Modern stateless req/s: SDK stateless / raw Kestrel", Modern, "rps", SdkStateless, Raw),
        new("Modern stateless CPU per request: Mooring / raw Kestrel", Modern, "serverCpuUsPerRequest", Mooring, Raw),
        new("SSE response req/s: Mooring / raw Kestrel", Sse, "rps", Mooring, Raw, 0.6),
        new("SSE response req/s: SDK stateful / raw Kestrel", Sse, "rps", Sdk, Raw),
        new("Churn cycles/s: Mooring / SDK stateful", Churn, "cyclesPerSecond", Mooring, Sdk, 1.5),
        new("Cold start to tools/call: Mooring JIT / Mooring native AOT", ColdStart, "callP50Ms", Jit, Aot),
        new("Cold start to tools/call: SDK stateful / Mooring native AOT", ColdStart, "callP50Ms", Sdk, Aot),

        // How much of a held stream is Kestrel's own connection: the raw floor holds the same listen streams.
        new("Held stream RSS: Mooring listen / raw Kestrel", Streams, "rssBytesPerStream", "mooring-listen", Raw),
        new("Held stream GC heap: Mooring listen / raw Kestrel", Streams, "heapBytesPerStream", "mooring-listen", Raw),
    ];

    /// <summary>The issue's absolute targets, read from medians.</summary>
    public static IReadOnlyList<Threshold> Thresholds { get; } =
    [
        new("/health p50 during max-rate churn, Mooring", Churn, Mooring, "healthP50Ms", 2, AtMost: true, "ms"),
        new("GC heap per idle legacy session, Mooring", Sessions, Mooring, "heapBytesPerSession", 2048, AtMost: true, "B"),
        new("Server RSS per held SSE stream (GET, with its session), Mooring", Streams, Mooring, "rssBytesPerStream", 8192, AtMost: true, "B"),
        new("Server RSS per held SSE stream (subscriptions/listen), Mooring", Streams, "mooring-listen", "rssBytesPerStream", 8192, AtMost: true, "B"),
        new("Streams with a heartbeat late (silence > 1.5 intervals), Mooring GET", Streams, Mooring, "lateStreams", 0, AtMost: true, "streams"),
        new("Streams with a heartbeat late (silence > 1.5 intervals), Mooring listen", Streams, "mooring-listen", "lateStreams", 0, AtMost: true, "streams"),
        new("Cold start to the first answered tools/call, Mooring native AOT (median)", ColdStart, Aot, "callP50Ms", 100, AtMost: true, "ms"),
    ];
}
