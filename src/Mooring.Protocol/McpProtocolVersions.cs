namespace Mooring.Protocol;

/// <summary>Protocol revisions and the rules tied to them.</summary>
public static class McpProtocolVersions
{
    /// <summary>The newest legacy (session-based) revision.</summary>
    public const string V20251125 = "2025-11-25";

    /// <summary>Structured output, elicitation, protocol version header; no batches.</summary>
    public const string V20250618 = "2025-06-18";

    /// <summary>The first Streamable HTTP revision; the only one with JSON-RPC batches.</summary>
    public const string V20250326 = "2025-03-26";

    /// <summary>The newest legacy revision Mooring negotiates when a client asks for one it does not know.</summary>
    public const string LatestLegacy = V20251125;

    /// <summary>The revision assumed when an HTTP request carries no <c>MCP-Protocol-Version</c> header.</summary>
    public const string AssumedWhenAbsent = V20250326;

    /// <summary>The legacy revisions served, newest first.</summary>
    public static IReadOnlyList<string> Legacy { get; } = [V20251125, V20250618, V20250326];

    /// <summary>True for a revision Mooring serves with legacy (initialize + session) semantics.</summary>
    public static bool IsSupportedLegacy(string? version) =>
        version is V20251125 or V20250618 or V20250326;

    /// <summary>True when the revision allows JSON-RPC batches (2025-03-26 only).</summary>
    public static bool AllowsBatches(string? version) => version == V20250326;

    /// <summary>
    /// Picks the version to answer an <c>initialize</c> with: the client's when supported, else the newest legacy
    /// revision (the spec's MUST and SHOULD).
    /// </summary>
    public static string Negotiate(string? requested) => IsSupportedLegacy(requested) ? requested! : LatestLegacy;
}
