using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;

namespace Mooring.Server;

public sealed partial class McpRequestContext
{
    /// <summary>
    /// The response carrying <paramref name="result"/>. A modern request's result gets the 2026-07-28 envelope on a
    /// copy (a handler may hand back a result it reuses): <c>resultType</c> (<c>complete</c> unless set), the server's
    /// identity in <c>_meta</c>, and, for cacheable results, <paramref name="cache"/>'s hints. Legacy results go as they are.
    /// </summary>
    internal McpOutgoingMessage Reply<T>(T result, JsonTypeInfo<T> typeInfo, McpCacheHint? cache = null)
        where T : Result => CreateResult(result, typeInfo, cache);

    /// <summary>
    /// The response carrying <paramref name="result"/>, for handlers of methods an extension adds. On a modern request
    /// the result gets the 2026-07-28 envelope (<c>resultType</c>, the server's identity, and <paramref name="cache"/>'s
    /// hints for a cacheable result) on a copy; a legacy result goes as it is.
    /// </summary>
    public McpOutgoingMessage CreateResult<T>(T result, JsonTypeInfo<T> typeInfo, McpCacheHint? cache = null)
        where T : Result
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (_modern is null)
        {
            return McpOutgoingMessage.Result(RequestId, result, typeInfo);
        }

        var modern = (T)result.ShallowCopy();
        modern.ResultType ??= McpResultTypes.Complete;
        modern.Meta = Server.WithServerInfo(modern.Meta);
        if (cache is not null)
        {
            modern.TtlMs = cache.TtlMs;
            modern.CacheScope = cache.Scope;
        }

        return McpOutgoingMessage.Result(RequestId, modern, typeInfo);
    }
}
