using Mooring.Server;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// Which gauges say what the server holds, and so must be back to their idle values once it has nothing to do:
/// <c>mcp.server.leases.held</c> (one series per <see cref="McpBudget"/>, label <c>mcp.budget</c>) and every gauge
/// whose name starts with <c>mcp.server.outbound.queue</c> or <c>mcp.server.event_store</c>, including any added
/// under those names later. Names are compared in their Prometheus form (dots become underscores), which is also how
/// <see cref="InProcess.InProcessGauges"/> reports the in-process meters.
/// </summary>
internal static class IdleGauges
{
    public const string LeasesHeld = "mcp_server_leases_held";
    public const string BudgetLabel = "mcp_budget";

    private static readonly string[] Prefixes = ["mcp_server_outbound_queue", "mcp_server_event_store"];

    /// <summary>The budget label values the server publishes: the snake_case names of <see cref="McpBudget"/>.</summary>
    public static IReadOnlyList<string> BudgetNames { get; } =
        [.. Enum.GetValues<McpBudget>().Select(b => string.Concat(b.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))];

    public static string ToPrometheusName(string otelName) => otelName.Replace('.', '_');

    public static bool IsWatched(string prometheusName) =>
        prometheusName == LeasesHeld || Prefixes.Any(p => prometheusName.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The watched gauges of a scrape, by series key. Counters and histograms under the same prefixes are not states.</summary>
    public static IReadOnlyDictionary<string, double> Select(IEnumerable<PrometheusSeries> scrape) =>
        scrape.Where(s => s.Type == "gauge" && IsWatched(s.Name)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    /// <summary>
    /// The budgets that have no <see cref="LeasesHeld"/> series: the check requires all of them, so that a renamed
    /// gauge or a broken exporter fails loudly instead of comparing nothing with nothing.
    /// </summary>
    public static IReadOnlyList<string> MissingBudgets(IEnumerable<PrometheusSeries> scrape)
    {
        var present = scrape.Where(s => s.Type == "gauge" && s.Name == LeasesHeld).Select(s => s.Labels.GetValueOrDefault(BudgetLabel)).ToHashSet(StringComparer.Ordinal);
        return [.. BudgetNames.Where(b => !present.Contains(b))];
    }

    /// <summary>
    /// Every series above its idle value, or negative: a value above <paramref name="idle"/>'s, a series missing now,
    /// or a new series (a queue or store that appeared during the scenario) above 0. Empty when back to idle. A value
    /// below idle is not held by the scenario (something held before it was let go meanwhile, such as an earlier
    /// failed test's sessions timing out), but no amount held can be negative: that is a double release.
    /// </summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, double> idle, IReadOnlyDictionary<string, double> now)
    {
        var differences = new List<string>();
        foreach (var (key, value) in idle)
        {
            if (!now.TryGetValue(key, out var current))
            {
                differences.Add($"{key} missing (was {value})");
            }
            else if (current > value || current < 0)
            {
                differences.Add($"{key} = {current} (idle {value})");
            }
        }

        foreach (var (key, value) in now)
        {
            if (!idle.ContainsKey(key) && value != 0)
            {
                differences.Add($"{key} = {value} (new series, idle 0)");
            }
        }

        return differences;
    }

    public static string Describe(IReadOnlyDictionary<string, double> gauges) =>
        string.Join(Environment.NewLine, gauges.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"  {g.Key} {g.Value}"));
}
