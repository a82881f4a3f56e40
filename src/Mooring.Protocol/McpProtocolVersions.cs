namespace Mooring.Protocol;

/// <summary>
/// Protocol revisions and the rules tied to them. Two eras share one endpoint: modern revisions (2026-07-28 and later)
/// carry version, identity and capabilities in every request's <c>_meta</c> and keep no session; legacy revisions
/// (2025-11-25 and earlier) establish a session with <c>initialize</c>.
/// </summary>
public static class McpProtocolVersions
{
    /// <summary>The modern, stateless revision: per-request <c>_meta</c>, <c>server/discover</c>, MRTR, <c>subscriptions/listen</c>.</summary>
    public const string V20260728 = "2026-07-28";

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

    /// <summary>The modern revisions served, newest first.</summary>
    public static IReadOnlyList<string> Modern { get; } = [V20260728];

    /// <summary>Every revision served, newest first: <c>server/discover</c>'s <c>supportedVersions</c> and the <c>supported</c> of <c>-32022</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [V20260728, V20251125, V20250618, V20250326];

    /// <summary>True for a revision Mooring serves statelessly (modern).</summary>
    public static bool IsSupportedModern(string? version) => version is V20260728;

    /// <summary>
    /// True for a revision of the legacy era, served or not (2024-11-05 included): a request that names one in its
    /// <c>MCP-Protocol-Version</c> header and carries no modern <c>_meta</c> belongs to a session.
    /// </summary>
    public static bool IsLegacyEra(string? version) => version is V20251125 or V20250618 or V20250326 or "2024-11-05";

    /// <summary>True for a revision Mooring serves with legacy (initialize + session) semantics.</summary>
    public static bool IsSupportedLegacy(string? version) =>
        version is V20251125 or V20250618 or V20250326;

    /// <summary>True when the revision allows JSON-RPC batches (2025-03-26 only).</summary>
    public static bool AllowsBatches(string? version) => version == V20250326;

    /// <summary>
    /// Picks the version to answer an <c>initialize</c> with: the client's when supported, else the newest legacy
    /// revision (the spec's MUST and SHOULD). Always one of the constants, never the caller's string: a session keeps
    /// the result for its whole life, and the shared constant costs it nothing.
    /// </summary>
    public static string Negotiate(string? requested) => requested switch
    {
        V20251125 => V20251125,
        V20250618 => V20250618,
        V20250326 => V20250326,
        _ => LatestLegacy,
    };
}
