using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>Caching hints for a cacheable modern result: how long a client may reuse it and who may share it.</summary>
/// <param name="Ttl">How long the result stays fresh; zero means "do not reuse".</param>
/// <param name="Scope"><see cref="McpCacheScopes.Private"/> (only this client) or <see cref="McpCacheScopes.Public"/> (any cache).</param>
public sealed record McpCacheHint(TimeSpan Ttl, string Scope)
{
    /// <summary>Do not reuse; private.</summary>
    public static McpCacheHint None { get; } = new(TimeSpan.Zero, McpCacheScopes.Private);

    /// <summary>Milliseconds, as the wire wants them.</summary>
    public long TtlMs => Ttl <= TimeSpan.Zero ? 0 : (long)Ttl.TotalMilliseconds;
}
