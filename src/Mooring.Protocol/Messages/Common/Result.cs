using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Base of every result. The modern era adds <c>resultType</c> to every result and caching hints (<c>ttlMs</c>,
/// <c>cacheScope</c>) to cacheable ones; the server fills them in for modern requests and leaves them null (omitted)
/// for legacy sessions.
/// </summary>
public class Result
{
    /// <summary>Result metadata.</summary>
    [JsonPropertyName("_meta")]
    public ResultMeta? Meta { get; set; }

    /// <summary>What kind of result this is (modern era): <see cref="McpResultTypes.Complete"/>, <see cref="McpResultTypes.InputRequired"/> or an extension's type.</summary>
    public string? ResultType { get; set; }

    /// <summary>How long, in milliseconds, a client may reuse this result (modern era, cacheable results).</summary>
    public long? TtlMs { get; set; }

    /// <summary>Who may share a cached copy: <see cref="McpCacheScopes.Public"/> or <see cref="McpCacheScopes.Private"/> (modern era, cacheable results).</summary>
    public string? CacheScope { get; set; }

    /// <summary>A copy of this result sharing its members, so a server can fill in the envelope of the copy without touching a result a handler may reuse.</summary>
    public Result ShallowCopy() => (Result)MemberwiseClone();
}
