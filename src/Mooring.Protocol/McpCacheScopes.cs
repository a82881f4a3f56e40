namespace Mooring.Protocol;

/// <summary>Values of a cacheable result's <c>cacheScope</c>.</summary>
public static class McpCacheScopes
{
    /// <summary>Any cache may keep the result and share it between users.</summary>
    public const string Public = "public";

    /// <summary>Only the requesting client may keep the result; never shared across authorization contexts.</summary>
    public const string Private = "private";
}
