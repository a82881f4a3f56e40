using System.Net;
using Mooring.Probe.Cli;
using Mooring.Probe.Mcp;
using Mooring.Probe.Observation;
using Mooring.Probe.Output;
using Mooring.Probe.Results;
using Mooring.Probe.Scenarios;

namespace Mooring.Probe;

/// <summary>
/// Runs the probe: checks the target, chooses tools and the health measure, then for each scenario samples a
/// baseline, runs it under its bounds, watches the settle, and prints the table. Returns the exit code.
/// </summary>
internal sealed class ProbeRunner
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    /// <summary>Half a second of samples before each scenario: the baseline its "before" figures come from.</summary>
    private static readonly TimeSpan Baseline = TimeSpan.FromMilliseconds(500);

    /// <summary>Beyond a scenario's duration and hold, time for its cleanup before the hard ceiling cancels it.</summary>
    private static readonly TimeSpan CleanupAllowance = TimeSpan.FromSeconds(30);

    private readonly ProbeOptions _options;
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public ProbeRunner(ProbeOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _out = output;
        _error = error;
    }

    /// <summary>Parses arguments and runs; usage errors print the usage and return 2.</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = ProbeOptionsParser.Parse(args);
        if (parsed.HelpRequested)
        {
            await output.WriteLineAsync(ProbeOptionsParser.Usage);
            return ExitOk;
        }

        if (parsed.Options is null)
        {
            await error.WriteLineAsync("mooring-probe: " + parsed.Error);
            await error.WriteLineAsync("Run with --help for usage.");
            return ExitUsage;
        }

        return await new ProbeRunner(parsed.Options, output, error).RunAsync(cancellationToken);
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (endPoint, targetError) = await TargetPolicy.ResolveAsync(_options.Url, _options.AllowRemote, cancellationToken);
        if (endPoint is null)
        {
            return await UsageError(targetError!);
        }

        var healthUrl = _options.HealthUrl ?? new Uri(_options.Url, "/health");
        var (healthEndPoint, healthError) = await TargetPolicy.ResolveAsync(healthUrl, _options.AllowRemote, cancellationToken);
        if (healthEndPoint is null)
        {
            return await UsageError("--health: " + healthError);
        }

        ProcessSampler? process = null;
        if (_options.Pid is { } pid)
        {
            process = new ProcessSampler(pid);
            if (!process.Exists)
            {
                return await UsageError($"--pid {pid}: no such process in /proc (the probe reads /proc, so it must run on the server's machine, Linux).");
            }
        }

        var target = new McpTarget(_options.Url, endPoint);
        ToolPlan? tools;
        string? planError;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            (tools, planError) = await ToolPlan.ResolveAsync(target, _options, timeout.Token);
        }
        catch (Exception e) when (Workers.IsExpected(e))
        {
            (tools, planError) = (null, $"cannot reach {_options.Url}: {Workers.Describe(e)}");
        }

        if (tools is null)
        {
            return await UsageError(planError!);
        }

        var health = await ChooseHealthAsync(healthUrl, healthEndPoint, endPoint, cancellationToken);
        var socketsObserved = !ProcNetTcp.IsAvailable ? "not observed (no /proc/net/tcp on this machine)"
            : process is null ? $"every socket on local port {endPoint.Port} (no --pid: other processes on that port count too)"
            : process.ReadSocketInodes() is null ? $"every socket on local port {endPoint.Port} (/proc/{process.Pid}/fd is not readable)"
            : $"sockets of process {process.Pid} on port {endPoint.Port} (TIME-WAIT, which no process holds, by port)";

        var console = new ConsoleReport(_out);
        console.Line($"mooring-probe {_options.Url} ({(_options.Quick ? "quick" : "normal")} settings, seed {_options.Seed})");
        console.Line($"  sockets: {socketsObserved}");
        console.Line($"  health:  {health.Description}");
        console.Line($"  tools:   churn {tools.Call?.ToString() ?? "(none)"}; slow {tools.Slow?.ToString() ?? "(none)"}; echo {(tools.HasEcho ? "yes" : "no")}");
        foreach (var note in tools.Notes)
        {
            console.Line("  note: " + note);
        }

        console.Line("");
        var startedAt = DateTimeOffset.UtcNow;
        var results = new List<ScenarioResult>();
        foreach (var name in _options.Scenarios)
        {
            var scenario = ScenarioTable.Find(name)!;
            var result = await RunScenarioAsync(scenario, target, tools, process, health, cancellationToken);
            results.Add(result);
            console.Write(result);
        }

        var report = new ProbeReport(_options.Url.ToString(), _options.Pid, socketsObserved, health.Description, _options.Quick, _options.Seed,
            _options.EffectiveSettle.TotalSeconds, startedAt, tools.Notes, results);
        if (_options.JsonPath is { } jsonPath)
        {
            await JsonReport.WriteAsync(report, jsonPath, cancellationToken);
            console.Line($"JSON written to {jsonPath}");
        }

        if (_options.ReportPath is { } reportPath)
        {
            await HtmlReport.WriteAsync(report, reportPath, cancellationToken);
            console.Line($"HTML report written to {reportPath}");
        }

        var failed = results.Where(r => !r.Verdict.Ok).Select(r => r.Name).ToList();
        console.Line(failed.Count == 0 ? "All verdicts OK." : $"Red verdicts: {string.Join(", ", failed)}.");
        return failed.Count == 0 ? ExitOk : ExitFindings;
    }

    private async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, McpTarget target, ToolPlan tools, ProcessSampler? process,
        HealthChecker health, CancellationToken cancellationToken)
    {
        var defaults = _options.Quick ? scenario.Quick : scenario.Normal;
        var settings = defaults with
        {
            Cycles = _options.Cycles ?? defaults.Cycles,
            Concurrency = _options.Concurrency ?? defaults.Concurrency,
            Duration = _options.Duration ?? defaults.Duration,
        };

        var observer = new Observer(target.Port, process, health);
        observer.Start();
        double start, end;
        ScenarioContext context;
        try
        {
            await Task.Delay(Baseline, cancellationToken);
            using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ceiling.CancelAfter(settings.Duration + settings.Hold + CleanupAllowance);
            context = new ScenarioContext
            {
                Target = target,
                Settings = settings,
                Tools = tools,
                Observer = observer,
                Seed = _options.Seed,
                OperationTimeout = _options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10),
                Quick = _options.Quick,
                Cancellation = ceiling.Token,
            };

            observer.Phase = Phase.During;
            start = observer.Now;
            try
            {
                await scenario.RunAsync(context);
            }
            catch (Exception e) when (Workers.IsExpected(e) && !cancellationToken.IsCancellationRequested)
            {
                // A scenario cut off by its ceiling or by the server: report what was measured, and say so.
                context.Tally.Add(new Finding(FindingSeverity.Fail, "ABORTED", $"the scenario stopped early: {Workers.Describe(e)}"));
            }

            end = observer.Now;
            observer.Phase = Phase.After;
            await Task.Delay(_options.EffectiveSettle, cancellationToken);
        }
        finally
        {
            await observer.StopAsync();
        }

        var samples = observer.Samples;
        var healthSamples = observer.HealthSamples;
        var summary = ScenarioSummary.From(samples, healthSamples);
        var tally = context.Tally;
        var verdict = VerdictRules.Evaluate(summary, tally.Attempted, tally.Completed, tally.Errors, tally.Findings, _options.EffectiveSettle);
        return new ScenarioResult(scenario.Name, scenario.Description, settings.Cycles, settings.Concurrency, settings.Duration.TotalSeconds,
            settings.Hold.TotalSeconds, start, end, tally.Attempted, tally.Completed, tally.SessionsOpened,
            new Dictionary<string, int>(tally.Errors, StringComparer.Ordinal), tally.Notes, summary, verdict, samples, healthSamples, scenario.ReportsPerSession);
    }

    /// <summary>GET on the health URL when it answers (any status but 404); otherwise TCP connect latency, saying why.</summary>
    private async Task<HealthChecker> ChooseHealthAsync(Uri healthUrl, IPEndPoint healthEndPoint, IPEndPoint mcpEndPoint, CancellationToken cancellationToken)
    {
        var http = HealthChecker.ForHttp(healthUrl, healthEndPoint);
        var (latency, status) = await http.CheckAsync(cancellationToken);
        if (status == 404)
        {
            return HealthChecker.ForTcpConnect(mcpEndPoint, $"GET {healthUrl} answered 404");
        }

        if (latency is null && status == 0 && _options.HealthUrl is null)
        {
            return HealthChecker.ForTcpConnect(mcpEndPoint, $"GET {healthUrl} did not answer");
        }

        return http;
    }

    private async Task<int> UsageError(string message)
    {
        await _error.WriteLineAsync("mooring-probe: " + message);
        return ExitUsage;
    }
}
