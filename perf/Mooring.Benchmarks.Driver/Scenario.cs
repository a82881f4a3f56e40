namespace Mooring.Benchmarks.Driver;

/// <summary>One comparison of the benchmark: its variants (servers), the figures each run gives, and how a run goes.</summary>
internal abstract class Scenario
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>What is measured and how, for the report (markdown lines).</summary>
    public required IReadOnlyList<string> Description { get; init; }

    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>The figures shown for it, medians over rounds.</summary>
    public abstract IReadOnlyList<Metric> Metrics { get; }

    /// <summary>The figures split into tables of a readable width; one table of all by default.</summary>
    public virtual IReadOnlyList<IReadOnlyList<Metric>> MetricTables => [Metrics];

    /// <summary>Starts the variant's server fresh, warms it up, measures, stops it.</summary>
    public abstract Task<RunRecord> RunAsync(Variant variant, int round, RunContext context);

    /// <summary>
    /// Runs one round of the variants that are neither skipped nor unavailable: by default each in turn through
    /// <see cref="RunAsync"/>, a run that breaks failing that run only. A scenario that interleaves its variants within
    /// a round (cold start) overrides it.
    /// </summary>
    public virtual async Task<IReadOnlyList<RunRecord>> RunRoundAsync(IReadOnlyList<Variant> variants, int round, RunContext context)
    {
        var records = new List<RunRecord>();
        foreach (var variant in variants)
        {
            await Console.Error.WriteLineAsync($"[bench] round {round}/{context.Options.Rounds}: {Id} / {variant.Id}");
            try
            {
                records.Add(await RunAsync(variant, round, context));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // A run that broke (a server that never answered the heap probe, a process that could not start) fails
                // that run only; the others still give their figures.
                records.Add(RunRecord.Failed(Id, variant.Id, round, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return records;
    }

    /// <summary>More of the report after the median tables (markdown lines); none by default.</summary>
    public virtual IReadOnlyList<string> Details(int rounds) => [];

    /// <summary>The server's shutdown problem, if any, as a note of the record.</summary>
    protected static RunRecord WithShutdownNote(RunRecord record, ServerProcess server) =>
        server.ShutdownProblem is { } problem ? record with { Note = $"server {problem}" } : record;

    /// <summary>Why a load run failed: the load generator's last line and error kinds.</summary>
    protected static string Failure(LoadGenOutput output, string errorsName = "errorsByKind")
    {
        var kinds = output.ErrorKinds(errorsName);
        return $"load run failed (exit {output.ExitCode}): {output.LastLog}{(kinds.Length == 0 ? "" : $" [{kinds}]")}";
    }
}
