using System.Globalization;
using System.Net;

namespace Mooring.LoadGen;

/// <summary>Command-line settings of one load run. Every loop the run starts is bounded by these.</summary>
internal sealed class LoadGenOptions
{
    /// <summary>Upper bound of <see cref="Connections"/>: request ids are 14 digits, 4 of which name the connection.</summary>
    public const int MaxConnections = 4096;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:5000/mcp</c>. Required; the host must be 127.0.0.1 (loopback only).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The address connected to, always 127.0.0.1.</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Default <see cref="LoadMode.Mcp"/>: the thing being compared is an MCP server.</summary>
    public LoadMode Mode { get; private set; } = LoadMode.Mcp;

    /// <summary>Default 16 keep-alive connections: enough to keep two cores busy, few enough to leave the client its share.</summary>
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

    public const string Usage = """
        Usage: Mooring.LoadGen --url http://127.0.0.1:PORT/mcp [options]
          --mode mcp|raw          mcp: handshake then tools/call echo (default); raw: tools/call body, no handshake
          --connections N         concurrent keep-alive connections (default 16, at most 4096)
          --warmup SECONDS        unrecorded load before measuring (default 5)
          --duration SECONDS      recorded load (default 10, at most 600)
          --timeout SECONDS       per-request timeout (default 10)
          --max-requests N        bound on requests in all, warm-up included (default 100000000)
          --max-error-rate R      exit 1 when errors / attempts exceeds R (default 0.01)
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
                "--connections" => SetInt(value, 1, MaxConnections, v => parsed.Connections = v),
                "--warmup" => SetSeconds(value, 0, 300, v => parsed.Warmup = v),
                "--duration" => SetSeconds(value, 0.1, 600, v => parsed.Duration = v),
                "--timeout" => SetSeconds(value, 0.1, 120, v => parsed.RequestTimeout = v),
                "--max-requests" => SetLong(value, 1, 1_000_000_000, v => parsed.MaxRequests = v),
                "--max-error-rate" => SetDouble(value, 0, 1, v => parsed.MaxErrorRate = v),
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

    private string? SetMode(string value)
    {
        switch (value)
        {
            case "mcp":
                Mode = LoadMode.Mcp;
                return null;
            case "raw":
                Mode = LoadMode.Raw;
                return null;
            default:
                return $"--mode must be mcp or raw, not '{value}'.";
        }
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
