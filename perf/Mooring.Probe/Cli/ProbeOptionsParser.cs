using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Probe.Scenarios;

namespace Mooring.Probe.Cli;

/// <summary>Parses <c>mooring-probe URL [options]</c>. Usage errors are values, reported with exit code 2.</summary>
internal static class ProbeOptionsParser
{
    public const string Usage = """
        mooring-probe URL [options]        runs fault scenarios against an MCP Streamable HTTP endpoint

          URL                   the MCP endpoint, e.g. http://127.0.0.1:3001/mcp (plain http; loopback only by default)
          --scenario NAME       a scenario to run (repeatable or comma-separated; default: all). Names:
                                churn, abandoned-get, disconnect-mid-response, stopped-reader, slowloris,
                                session-flood, abandoned-streams
          --pid PID             the server's process: count only its sockets, read its threads and RSS from /proc
          --health URL          health URL (default: same origin + /health; on 404, TCP connect latency is used)
          --tool NAME           tool for churn's tools/call (default echo, else the first tool without required arguments)
          --arguments JSON      its arguments (default {"text":"probe"})
          --duration TIME       time cap per scenario (e.g. 20s, 1500ms, 2m)
          --concurrency N       workers per scenario
          --cycles N            cycles, sessions, streams or connections per scenario
          --settle TIME         how long to watch after each scenario (default 3s; 1.5s with --quick)
          --seed N              seed of the random choices (default 1)
          --report PATH.html    write a self-contained HTML report with charts
          --json PATH           write the results as JSON
          --quick               tiny bounded settings (a smoke run, used by the tests)
          --allow-remote        allow a target outside 127.0.0.0/8 and ::1
          -h, --help            this text

        Exit code: 0 every verdict OK, 1 a leak or failed verdict, 2 usage error or unreachable target.
        """;

    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        Uri? url = null;
        var scenarios = new List<string>();
        int? pid = null, concurrency = null, cycles = null;
        int seed = 1;
        Uri? health = null;
        string? tool = null, arguments = null, report = null, json = null;
        TimeSpan? duration = null, settle = null;
        bool quick = false, allowRemote = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 >= args.Count)
                {
                    return null;
                }

                return args[++i];
            }

            string? error = null;
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    return new ParseResult(null, null, HelpRequested: true);
                case "--quick":
                    quick = true;
                    break;
                case "--allow-remote":
                    allowRemote = true;
                    break;
                case "--scenario":
                    error = ReadScenarios(Value(), scenarios);
                    break;
                case "--pid":
                    error = ReadPositive(arg, Value(), out pid);
                    break;
                case "--concurrency":
                    error = ReadPositive(arg, Value(), out concurrency);
                    break;
                case "--cycles":
                    error = ReadPositive(arg, Value(), out cycles);
                    break;
                case "--seed":
                    error = ReadPositive(arg, Value(), out var seedValue);
                    seed = seedValue ?? seed;
                    break;
                case "--duration":
                    error = ReadTime(arg, Value(), out duration);
                    break;
                case "--settle":
                    error = ReadTime(arg, Value(), out settle);
                    break;
                case "--health":
                    error = ReadHttpUrl(arg, Value(), out health);
                    break;
                case "--tool":
                    tool = Value();
                    error = string.IsNullOrWhiteSpace(tool) ? "--tool needs a tool name." : null;
                    break;
                case "--arguments":
                    arguments = Value();
                    error = ValidateArguments(arguments);
                    break;
                case "--report":
                    report = Value();
                    error = report is null ? "--report needs a file path." : null;
                    break;
                case "--json":
                    json = Value();
                    error = json is null ? "--json needs a file path." : null;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        error = $"Unknown option '{arg}'.";
                    }
                    else if (url is not null)
                    {
                        error = $"Only one URL is accepted; '{arg}' is a second one.";
                    }
                    else
                    {
                        error = ReadHttpUrl("URL", arg, out url);
                    }

                    break;
            }

            if (error is not null)
            {
                return new ParseResult(null, error);
            }
        }

        if (url is null)
        {
            return new ParseResult(null, "The MCP endpoint URL is required, e.g. http://127.0.0.1:3001/mcp.");
        }

        return new ParseResult(new ProbeOptions
        {
            Url = url,
            Scenarios = scenarios.Count == 0 ? [.. ScenarioTable.All.Select(s => s.Name)] : [.. scenarios.Distinct(StringComparer.Ordinal)],
            Pid = pid,
            HealthUrl = health,
            Tool = tool,
            ArgumentsJson = arguments,
            Duration = duration,
            Concurrency = concurrency,
            Cycles = cycles,
            Settle = settle,
            ReportPath = report,
            JsonPath = json,
            Quick = quick,
            AllowRemote = allowRemote,
            Seed = seed,
        }, null);
    }

    /// <summary>"20", "20s", "1500ms", "2m"; a bare number is seconds.</summary>
    public static bool TryParseTime(string text, out TimeSpan value)
    {
        value = default;
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || amount * scale > 24 * 3600)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(amount * scale);
        return true;
    }

    private static string? ReadScenarios(string? value, List<string> scenarios)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "--scenario needs a name.";
        }

        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "all")
            {
                scenarios.AddRange(ScenarioTable.All.Select(s => s.Name));
            }
            else if (ScenarioTable.Find(name) is null)
            {
                return $"Unknown scenario '{name}'. Known: {string.Join(", ", ScenarioTable.All.Select(s => s.Name))}.";
            }
            else
            {
                scenarios.Add(name);
            }
        }

        return null;
    }

    private static string? ReadPositive(string option, string? value, out int? result)
    {
        result = null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return $"{option} needs a positive whole number.";
        }

        result = number;
        return null;
    }

    private static string? ReadTime(string option, string? value, out TimeSpan? result)
    {
        result = null;
        if (value is null || !TryParseTime(value, out var time))
        {
            return $"{option} needs a time such as 10s, 1500ms or 2m.";
        }

        result = time;
        return null;
    }

    private static string? ReadHttpUrl(string option, string? value, out Uri? result)
    {
        result = null;
        if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"{option}: '{value}' is not an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"{option}: only http:// is supported (the probe speaks plain HTTP/1.1 over raw sockets); got '{uri.Scheme}'.";
        }

        result = uri;
        return null;
    }

    private static string? ValidateArguments(string? json)
    {
        if (json is null)
        {
            return "--arguments needs a JSON object.";
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject ? null : "--arguments must be a JSON object.";
        }
        catch (JsonException e)
        {
            return $"--arguments is not valid JSON: {e.Message}";
        }
    }
}
