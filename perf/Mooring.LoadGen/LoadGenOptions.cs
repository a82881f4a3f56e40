using System.Globalization;
using System.Net;

namespace Mooring.LoadGen;

/// <summary>Command-line settings of one load run. Every loop the run starts is bounded by these.</summary>
internal sealed class LoadGenOptions
{
    /// <summary>Upper bound of <see cref="Connections"/>: request ids are 14 digits, 4 of which name the connection.</summary>
    public const int MaxConnections = 4096;

    /// <summary>
    /// Upper bound of <see cref="Streams"/>: each held stream is a socket, and a process here may hold at most 20,000
    /// file descriptors; 15,000 leaves room for the runtime's own and the probes'.
    /// </summary>
    public const int MaxStreams = 15_000;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:5000/mcp</c>. Required; the host must be 127.0.0.1 (loopback only).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The address connected to, always 127.0.0.1.</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Default <see cref="LoadMode.Legacy"/>: tools/call in one session, the first comparison of the benchmark.</summary>
    public LoadMode Mode { get; private set; } = LoadMode.Legacy;

    /// <summary>
    /// The request bytes raw mode sends. Default <see cref="RequestShape.Legacy"/>; <see cref="RequestShape.Modern"/>
    /// when the ceiling stands for a 2026-07-28 server, so both parse a request of the same size.
    /// </summary>
    public RequestShape Shape { get; private set; } = RequestShape.Legacy;

    /// <summary>Default <c>echo</c>: the tool called; it must return its <c>text</c> argument (<c>hello</c>).</summary>
    public string Tool { get; private set; } = McpRequests.EchoTool;

    /// <summary>
    /// Default false. True sends <c>_meta.progressToken</c> and requires each answer to be an SSE stream with a
    /// <c>notifications/progress</c> before the result: the SSE response mode.
    /// </summary>
    public bool Progress { get; private set; }

    /// <summary>Default 16 keep-alive connections (in churn: cycles at once; sessions and streams: opened at once).</summary>
    public int Connections { get; private set; } = 16;

    /// <summary>Default 5 s of unrecorded load: long enough for tiered JIT to reach its optimised code on both sides.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default 10 s of recorded load.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default 10 s per request (handshake included): a request slower than this is an error, not a data point.</summary>
    public TimeSpan RequestTimeout { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default 100,000,000 requests in all (warm-up included): a count bound on top of the time bound.</summary>
    public long MaxRequests { get; private set; } = 100_000_000;

    /// <summary>Default 0.01: above 1 % failed requests the figures describe failures, so the exit code says so.</summary>
    public double MaxErrorRate { get; private set; } = 0.01;

    /// <summary>Default none: a free-form name (e.g. the server's) copied into the JSON output.</summary>
    public string? Label { get; private set; }

    /// <summary>
    /// Default none. The server's process id: its CPU time (<c>/proc/PID/stat</c> utime + stime) is read at the start
    /// and the end of the measured period, and reported per successful request (or churn cycle).
    /// </summary>
    public int? ServerPid { get; private set; }

    /// <summary>
    /// Default none. A path (e.g. <c>/health</c>) probed with GET on a connection of its own every
    /// <see cref="ProbeInterval"/> while churn runs or streams are held; its latency is reported.
    /// </summary>
    public string? HealthPath { get; private set; }

    /// <summary>Default 10 ms between probe requests: about 100 samples a second, little load next to what is measured.</summary>
    public TimeSpan ProbeInterval { get; private set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Default 2,000 sessions to open in <see cref="LoadMode.Sessions"/>: the issue measures idle sessions at 2,000 or more.</summary>
    public int Sessions { get; private set; } = 2_000;

    /// <summary>Default 10,000 streams in <see cref="LoadMode.Streams"/>, the issue's figure.</summary>
    public int Streams { get; private set; } = 10_000;

    /// <summary>Default <see cref="StreamKind.Get"/>: one legacy session and its GET stream per stream.</summary>
    public StreamKind StreamKind { get; private set; } = StreamKind.Get;

    /// <summary>Default 10 s: how long all streams are held open while their heartbeats are timed.</summary>
    public TimeSpan Hold { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default 3 s of probes before the streams open: the latency the hold period is compared with.</summary>
    public TimeSpan Baseline { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Default 15 s, the server's default: the heartbeat interval the server was configured with. A stream whose
    /// longest silence in the hold period exceeds 1.5 times this counts as late.
    /// </summary>
    public TimeSpan Heartbeat { get; private set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Default 0. After reporting, streams stay open until standard input ends or this many seconds pass, so that the
    /// driver can read the server's memory while they are held.
    /// </summary>
    public TimeSpan Linger { get; private set; } = TimeSpan.Zero;

    public const string Usage = """
        Usage: Mooring.LoadGen --url http://127.0.0.1:PORT/mcp [options]
          --mode MODE             legacy (or mcp): handshake, then tools/call echo in that session (default)
                                  modern: 2026-07-28 stateless tools/call (no handshake, modern headers and _meta)
                                  raw: tools/call bytes (--shape), no handshake, any response id
                                  churn: per cycle connect, initialize, initialized, tools/call, close (no DELETE)
                                  sessions: open --sessions sessions and leave them idle
                                  streams: open --streams SSE streams, hold them, time their heartbeats
          --shape legacy|modern   raw mode: which request bytes to send (default legacy)
          --tool NAME             the tool called (default echo); it must return its text argument
          --progress              send _meta.progressToken; each answer must be SSE with a progress notification first
          --connections N         keep-alive connections (churn: cycles at once; sessions, streams: opened at once)
                                  (default 16, at most 4096)
          --warmup SECONDS        unrecorded load before measuring (default 5)
          --duration SECONDS      recorded load (default 10, at most 600)
          --timeout SECONDS       per-request timeout (default 10)
          --max-requests N        bound on requests in all, warm-up included (default 100000000)
          --max-error-rate R      exit 1 when errors / attempts exceeds R (default 0.01)
          --server-pid PID        report the server's CPU time per request over the measured period
          --health-path PATH      churn, streams: probe GET PATH every --probe-interval-ms (e.g. /health)
          --probe-interval-ms N   between probe requests (default 10)
          --sessions N            sessions mode: how many (default 2000, at most 100000)
          --streams N             streams mode: how many (default 10000, at most 15000)
          --stream-kind get|listen streams mode: legacy GET per session, or modern subscriptions/listen (default get)
          --hold SECONDS          streams mode: how long all streams are held and timed (default 10)
          --baseline SECONDS      streams mode: probes before the streams open (default 3)
          --heartbeat SECONDS     streams mode: the server's heartbeat interval (default 15)
          --linger SECONDS        streams mode: after reporting, hold the streams until stdin ends or this passes (default 0)
          --label TEXT            copied into the JSON output
        Prints one human line on stderr and one JSON line on stdout.
        Exit codes: 0 ok, 1 run failed or too many errors, 2 bad arguments.
        """;

    public static bool TryParse(string[] args, out LoadGenOptions options, out string? error)
    {
        var parsed = new LoadGenOptions();
        options = parsed;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return false;
            }

            if (name == "--progress")
            {
                parsed.Progress = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"Missing value for {name}.";
                return false;
            }

            var value = args[++i];
            error = name switch
            {
                "--url" => parsed.SetUrl(value),
                "--mode" => parsed.SetMode(value),
                "--shape" => SetEnum<RequestShape>(value, v => parsed.Shape = v),
                "--tool" => SetTool(parsed, value),
                "--connections" => SetInt(value, 1, MaxConnections, v => parsed.Connections = v),
                "--warmup" => SetSeconds(value, 0, 300, v => parsed.Warmup = v),
                "--duration" => SetSeconds(value, 0.1, 600, v => parsed.Duration = v),
                "--timeout" => SetSeconds(value, 0.1, 120, v => parsed.RequestTimeout = v),
                "--max-requests" => SetLong(value, 1, 1_000_000_000, v => parsed.MaxRequests = v),
                "--max-error-rate" => SetDouble(value, 0, 1, v => parsed.MaxErrorRate = v),
                "--server-pid" => SetInt(value, 1, int.MaxValue, v => parsed.ServerPid = v),
                "--health-path" => SetPath(parsed, value),
                "--probe-interval-ms" => SetInt(value, 1, 10_000, v => parsed.ProbeInterval = TimeSpan.FromMilliseconds(v)),
                "--sessions" => SetInt(value, 1, 100_000, v => parsed.Sessions = v),
                "--streams" => SetInt(value, 1, MaxStreams, v => parsed.Streams = v),
                "--stream-kind" => SetEnum<StreamKind>(value, v => parsed.StreamKind = v),
                "--hold" => SetSeconds(value, 0.1, 600, v => parsed.Hold = v),
                "--baseline" => SetSeconds(value, 0, 60, v => parsed.Baseline = v),
                "--heartbeat" => SetSeconds(value, 0.01, 3600, v => parsed.Heartbeat = v),
                "--linger" => SetSeconds(value, 0, 3600, v => parsed.Linger = v),
                "--label" => SetLabel(parsed, value),
                _ => $"Unknown option {name}.",
            };
            if (error is not null)
            {
                return false;
            }
        }

        if (parsed.Url is null)
        {
            error = "--url is required.";
            return false;
        }

        return true;
    }

    private string? SetUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            return $"--url must be an absolute http:// URL, not '{value}'.";
        }

        // Loopback only: this tool generates load, and the only server it may load is one on this machine.
        if (!IPAddress.TryParse(url.Host, out var address) || !address.Equals(IPAddress.Loopback))
        {
            return $"--url must name host 127.0.0.1, not '{url.Host}'.";
        }

        Url = url;
        EndPoint = new IPEndPoint(IPAddress.Loopback, url.Port);
        return null;
    }

    private string? SetMode(string value) =>
        value == "mcp" ? SetMode("legacy") : SetEnum<LoadMode>(value, v => Mode = v);

    private static string? SetEnum<T>(string value, Action<T> set)
        where T : struct, Enum
    {
        // Lower-case names only, as the usage spells them.
        if (value.Length == 0 || !char.IsLower(value[0]) || !Enum.TryParse<T>(value, ignoreCase: true, out var parsed) || int.TryParse(value, out _))
        {
            return $"Expected one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{value}'.";
        }

        set(parsed);
        return null;
    }

    private static string? SetTool(LoadGenOptions options, string value)
    {
        // The name goes into JSON and a header unescaped: keep it to the characters tool names use.
        if (value.Length is 0 or > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return $"--tool must be 1-128 letters, digits, '_', '-' or '.', not '{value}'.";
        }

        options.Tool = value;
        return null;
    }

    private static string? SetPath(LoadGenOptions options, string value)
    {
        if (!value.StartsWith('/') || value.Any(c => c <= ' ' || c > '~'))
        {
            return $"--health-path must be a path starting with '/', not '{value}'.";
        }

        options.HealthPath = value;
        return null;
    }

    private static string? SetLabel(LoadGenOptions options, string value)
    {
        options.Label = value;
        return null;
    }

    private static string? SetInt(string value, int min, int max, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return $"Expected an integer from {min} to {max}, not '{value}'.";
        }

        set(parsed);
        return null;
    }

    private static string? SetLong(string value, long min, long max, Action<long> set)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return $"Expected an integer from {min} to {max}, not '{value}'.";
        }

        set(parsed);
        return null;
    }

    private static string? SetDouble(string value, double min, double max, Action<double> set)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !(parsed >= min && parsed <= max))
        {
            return $"Expected a number from {min} to {max}, not '{value}'.";
        }

        set(parsed);
        return null;
    }

    private static string? SetSeconds(string value, double min, double max, Action<TimeSpan> set) =>
        SetDouble(value, min, max, v => set(TimeSpan.FromSeconds(v)));
}
