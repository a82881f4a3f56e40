namespace Mooring.AspNetCore;

/// <summary>
/// The outcome of <see cref="McpRequestHeaderValidator"/>: success, or which header failed and why. A value, not an
/// exception: a header mismatch is an expected client error. The default value is success.
/// </summary>
public readonly record struct McpHeaderValidationResult
{
    private McpHeaderValidationResult(McpHeaderFailure failure, string headerName)
    {
        Failure = failure;
        HeaderName = headerName;
    }

    /// <summary>The headers agree with the body.</summary>
    public static McpHeaderValidationResult Success => default;

    /// <summary>True when the headers agree with the body.</summary>
    public bool IsValid => Failure == McpHeaderFailure.None;

    /// <summary>Why the request was refused; <see cref="McpHeaderFailure.None"/> on success.</summary>
    public McpHeaderFailure Failure { get; }

    /// <summary>The header that failed (e.g. <c>Mcp-Name</c>, <c>Mcp-Param-Region</c>); null on success.</summary>
    public string? HeaderName { get; }

    /// <summary>
    /// A client-safe message for the JSON-RPC error (null on success). It names the header, never echoes header or body
    /// values: they may be long, hold control characters, or carry data the operator mirrored for routing only.
    /// </summary>
    public string? Message => Failure switch
    {
        McpHeaderFailure.None => null,
        McpHeaderFailure.Missing => $"Header mismatch: the {HeaderName} header is required for this request.",
        McpHeaderFailure.Mismatch => $"Header mismatch: the {HeaderName} header value does not match the request body.",
        McpHeaderFailure.InvalidValue => $"Header mismatch: the {HeaderName} header value has invalid characters or a malformed =?base64?...?= encoding.",
        McpHeaderFailure.Repeated => $"Header mismatch: the {HeaderName} header must appear only once.",
        _ => throw new InvalidOperationException($"Unknown header failure {Failure}."),
    };

    /// <summary>A failure of <paramref name="headerName"/>.</summary>
    internal static McpHeaderValidationResult Fail(McpHeaderFailure failure, string headerName) => new(failure, headerName);
}
