namespace Mooring.AspNetCore;

/// <summary>
/// Why a modern request's mirrored headers were refused. Every failure is answered the same way on the wire
/// (HTTP 400, JSON-RPC <c>-32020</c> HeaderMismatch); the reason only shapes the message and the logs.
/// </summary>
public enum McpHeaderFailure
{
    /// <summary>The headers agree with the body.</summary>
    None,

    /// <summary>A required header is absent: <c>Mcp-Method</c>, <c>Mcp-Name</c> on the methods that need it, or an <c>Mcp-Param-*</c> whose argument has a value.</summary>
    Missing,

    /// <summary>The header's value (after OWS trimming and Base64 decoding) differs from the body's.</summary>
    Mismatch,

    /// <summary>The value holds characters a header may not carry, or a malformed <c>=?base64?…?=</c> form (bad alphabet, padding, or UTF-8).</summary>
    InvalidValue,

    /// <summary>The header appears more than once: intermediaries could route on one value while the body says another.</summary>
    Repeated,
}
