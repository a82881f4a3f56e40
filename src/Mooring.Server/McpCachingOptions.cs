namespace Mooring.Server;

/// <summary>
/// Caching hints (<c>ttlMs</c>, <c>cacheScope</c>) on cacheable modern results. The defaults are private, because
/// lists and contents may depend on who asks; a server whose answers are the same for everyone can make them public.
/// Clients learn of changes sooner through <c>subscriptions/listen</c>.
/// </summary>
public sealed class McpCachingOptions
{
    /// <summary><c>server/discover</c>. Default 5 minutes, private: versions and capabilities change only with a deployment.</summary>
    public McpCacheHint Discover { get; set; } = new(TimeSpan.FromMinutes(5), Mooring.Protocol.McpCacheScopes.Private);

    /// <summary><c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c> and <c>resources/templates/list</c>. Default 60 s, private.</summary>
    public McpCacheHint Lists { get; set; } = new(TimeSpan.FromSeconds(60), Mooring.Protocol.McpCacheScopes.Private);

    /// <summary><c>resources/read</c>, unless the resource sets its own. Default: do not reuse (contents may change at any time).</summary>
    public McpCacheHint ResourceReads { get; set; } = McpCacheHint.None;
}
