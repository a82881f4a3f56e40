using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>Helpers for <c>completion/complete</c> answers.</summary>
public static class McpCompletions
{
    /// <summary>The most values a completion may carry (the schema's limit).</summary>
    public const int MaxValues = 100;

    /// <summary>Keeps the candidates that start with <paramref name="prefix"/> (case-insensitive), at most 100, with the total and whether more exist.</summary>
    public static Completion Filter(IEnumerable<string> candidates, string prefix)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        List<string> matches = [.. candidates.Where(c => c.StartsWith(prefix ?? string.Empty, StringComparison.OrdinalIgnoreCase))];
        return new Completion
        {
            Values = matches.Count > MaxValues ? matches.GetRange(0, MaxValues) : matches,
            Total = matches.Count,
            HasMore = matches.Count > MaxValues,
        };
    }
}
