using System.ComponentModel;
using System.Globalization;
using System.Net.Http;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// Cold start: from creating the server process to the first answered tools/call. Each round starts every variant
/// <see cref="DriverOptions.ColdStarts"/> times, interleaved (A, B, C, A, B, C, ...), after one start of each that is not
/// recorded (it warms the driver's own client code and the file cache, so the figures are the server's). Each start
/// is measured twice over, on separate processes: once to the tools/call answer, once to the first /health 200.
/// </summary>
internal sealed class ColdStartScenario : Scenario
{
    /// <summary>A start that has not answered in 30 s has failed (the JIT servers answer in well under 2 s on 2 cores).</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private static readonly Metric[] Figures =
    [
        new("starts", "starts", 0),
        new("callP50Ms", "to tools/call p50 ms", 1),
        new("callP90Ms", "to tools/call p90 ms", 1),
        new("listeningP50Ms", "to listening p50 ms", 1),
        new("healthP50Ms", "to /health p50 ms", 1),
        new("healthP90Ms", "to /health p90 ms", 1),
        new("rssMb", "RSS after answer, MB", 1),
    ];

    /// <summary>Every recorded start of every round, by variant: for the pooled table under the per-round medians.</summary>
    private readonly Dictionary<string, (List<ColdStartSample> Calls, List<ColdStartSample> Healths)> _pooled = new(StringComparer.Ordinal);

    private enum Probe
    {
        ToolsCall,
        Health,
    }

    public override IReadOnlyList<Metric> Metrics => Figures;

    public override async Task<RunRecord> RunAsync(Variant variant, int round, RunContext context) =>
        (await RunRoundAsync([variant], round, context))[0];

    public override async Task<IReadOnlyList<RunRecord>> RunRoundAsync(IReadOnlyList<Variant> variants, int round, RunContext context)
    {
        var options = context.Options;
        var calls = variants.ToDictionary(v => v.Id, _ => new List<ColdStartSample>());
        var healths = variants.ToDictionary(v => v.Id, _ => new List<ColdStartSample>());
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        await Console.Error.WriteLineAsync(
            $"[bench] round {round}/{options.Rounds}: {Id} / {string.Join(", ", variants.Select(v => v.Id))}: 1 warm-up + {options.ColdStarts} starts each, interleaved");

        // Start -1 is the warm-up. Every loop here is bounded: starts x variants x two probes, each start by its deadline.
        for (var start = -1; start < options.ColdStarts; start++)
        {
            foreach (var variant in variants)
            {
                if (problems.ContainsKey(variant.Id))
                {
                    continue;   // a server that failed once is not started again this round
                }

                foreach (var probe in new[] { Probe.ToolsCall, Probe.Health })
                {
                    var (sample, error, note) = await StartOnceAsync(variant, probe, round, start, context);
                    if (note is not null)
                    {
                        notes.TryAdd(variant.Id, note);
                    }

                    if (sample is null)
                    {
                        problems[variant.Id] = $"{(start < 0 ? "warm-up start" : $"start {start + 1}")} ({(probe == Probe.ToolsCall ? "tools/call" : "/health")}): {error}";
                        break;
                    }

                    if (start >= 0)
                    {
                        (probe == Probe.ToolsCall ? calls : healths)[variant.Id].Add(sample);
                    }
                }
            }
        }

        var records = new List<RunRecord>();
        foreach (var variant in variants)
        {
            var record = problems.TryGetValue(variant.Id, out var problem)
                ? RunRecord.Failed(Id, variant.Id, round, problem)
                : new RunRecord(Id, variant.Id, round, RunStatus.Ok, null, Summarize(calls[variant.Id], healths[variant.Id]));
            if (notes.TryGetValue(variant.Id, out var note))
            {
                record = record with { Note = $"server {note}" };
            }

            if (record.Status == RunStatus.Ok)
            {
                if (!_pooled.TryGetValue(variant.Id, out var pooled))
                {
                    _pooled[variant.Id] = pooled = ([], []);
                }

                pooled.Calls.AddRange(calls[variant.Id]);
                pooled.Healths.AddRange(healths[variant.Id]);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[bench]   {variant.Id}: tools/call answered {record["callP50Ms"]:0.0} ms after start (p90 {record["callP90Ms"]:0.0}), /health {record["healthP50Ms"]:0.0} ms, RSS {record["rssMb"]:0.0} MB"));
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>Every recorded start pooled over the rounds: the distribution the per-round medians summarise.</summary>
    public override IReadOnlyList<string> Details(int rounds)
    {
        if (_pooled.Count == 0)
        {
            return [];
        }

        List<string> lines =
        [
            "",
            $"Every recorded start pooled over the {rounds.ToString(CultureInfo.InvariantCulture)} round(s) (the table above is the median over rounds of each round's figure):",
            "",
            "| server | starts | to tools/call median ms | p90 ms | min ms | max ms | to listening median ms | to /health median ms | /health p90 ms | RSS after tools/call, median MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ];
        foreach (var variant in Variants)
        {
            if (!_pooled.TryGetValue(variant.Id, out var pooled) || pooled.Calls.Count == 0)
            {
                continue;
            }

            var call = pooled.Calls.Select(s => s.AnswerMs).ToArray();
            var health = pooled.Healths.Select(s => s.AnswerMs).ToArray();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {variant.Title} | {call.Length} | {Stats.Median(call):0.0} | {Stats.Percentile(call, 90):0.0} | {call.Min():0.0} | {call.Max():0.0} | {Stats.Median(pooled.Calls.Select(s => s.ListeningMs)):0.0} | {Stats.Median(health):0.0} | {Stats.Percentile(health, 90):0.0} | {Stats.Median(pooled.Calls.Select(Megabytes)):0.0} |"));
        }

        return lines;
    }

    private static double Megabytes(ColdStartSample sample) => sample.RssBytes is { } bytes ? bytes / 1024.0 / 1024.0 : double.NaN;

    private static Dictionary<string, double> Summarize(List<ColdStartSample> calls, List<ColdStartSample> healths)
    {
        var call = calls.Select(s => s.AnswerMs).ToArray();
        var health = healths.Select(s => s.AnswerMs).ToArray();
        return new Dictionary<string, double>
        {
            ["starts"] = call.Length,
            ["callP50Ms"] = Stats.Median(call),
            ["callP90Ms"] = Stats.Percentile(call, 90),
            ["listeningP50Ms"] = Stats.Median(calls.Select(s => s.ListeningMs)),
            ["healthP50Ms"] = Stats.Median(health),
            ["healthP90Ms"] = Stats.Percentile(health, 90),
            ["rssMb"] = Stats.Median(calls.Select(Megabytes)),
        };
    }

    /// <summary>One start of one server: launch, probe, stop by its PID. The sample, or why there is none; and a shutdown problem, if any.</summary>
    private async Task<(ColdStartSample? Sample, string? Error, string? ShutdownNote)> StartOnceAsync(Variant variant, Probe probe, int round, int start, RunContext context)
    {
        var name = start < 0 ? "warmup" : $"start{(start + 1).ToString(CultureInfo.InvariantCulture)}";
        var logPath = context.FileOf(Id, variant.Id, round, $"-{name}-{(probe == Probe.ToolsCall ? "call" : "health")}.server.log");
        ServerProcess server;
        try
        {
            server = await ServerProcess.LaunchAsync(context.Servers[variant.ServerId], variant.ServerArguments, new Dictionary<string, string>(), logPath);
        }
        catch (Win32Exception ex)
        {
            return (null, $"could not start: {ex.Message}", null);
        }

        await using (server)
        {
            ColdStartSample? sample = null;
            string? error = null;
            using (var deadline = new CancellationTokenSource(StartDeadline))
            using (var client = new ColdStartClient(server))
            {
                try
                {
                    sample = probe == Probe.ToolsCall ? await client.CallEchoAsync(deadline.Token) : await client.HealthAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    error = $"no answer within {StartDeadline.TotalSeconds:0} s (see {logPath})";
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    error = $"{ex.Message} (see {logPath})";
                }
            }

            // The client's connection is closed first, so the server's graceful shutdown has nothing to wait for.
            await server.StopAsync();
            return (sample, error, server.ShutdownProblem);
        }
    }
}
