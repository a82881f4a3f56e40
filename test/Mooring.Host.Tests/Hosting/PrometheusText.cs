using System.Globalization;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// Reads samples out of the host's Prometheus text, lines such as
/// <c>mcp_server_leases_held{otel_scope_name="Mooring.Server.Leases",mcp_budget="get_streams"} 1</c>.
/// </summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>
    /// (each written as on the wire, <c>mcp_budget="handlers"</c>); 0 when there is none, as for a counter never incremented.
    /// </summary>
    public static double Sum(string text, string metric, params string[] labels) =>
        Lines(text, metric, labels).Sum(line => double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture));

    /// <summary>The sample lines of <paramref name="metric"/> carrying all of <paramref name="labels"/>, for assertion messages.</summary>
    public static IReadOnlyList<string> Lines(string text, string metric, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        return
        [
            .. text.Split('\n')
                .Select(line => line.TrimEnd('\r'))
                .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal)
                    && labels.All(label => line.Contains(label, StringComparison.Ordinal))),
        ];
    }

    /// <summary>The label filter for one lease budget (<c>sessions</c>, <c>handlers</c>, <c>get_streams</c>…).</summary>
    public static string Budget(string budget) => $"mcp_budget=\"{budget}\"";

    /// <summary>The label filter for one end reason, in the snake_case of <c>McpEndReason</c> (<c>client_gone</c>…).</summary>
    public static string EndReason(string reason) => $"mcp_end_reason=\"{reason}\"";
}
