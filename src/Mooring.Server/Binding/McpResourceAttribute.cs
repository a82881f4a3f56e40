namespace Mooring.Server;

/// <summary>
/// Marks a method as an MCP resource with a fixed URI, or as a resource template when the URI contains
/// RFC 6570 variables (<c>{id}</c>, or <c>{+path}</c> to match slashes); template variables bind to parameters of
/// the same name. The method returns text (string), binary (byte[]), resource contents or a <c>ReadResourceResult</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpResourceAttribute : Attribute
{
    /// <summary>Creates the attribute for a URI or URI template.</summary>
    public McpResourceAttribute(string uriOrTemplate)
    {
        ArgumentException.ThrowIfNullOrEmpty(uriOrTemplate);
        UriOrTemplate = uriOrTemplate;
    }

    /// <summary>The resource URI or URI template.</summary>
    public string UriOrTemplate { get; }

    /// <summary>Programmatic name; default: the method name in snake_case.</summary>
    public string? Name { get; set; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>MIME type of the contents. Default: <c>text/plain</c> for text, <c>application/octet-stream</c> for bytes.</summary>
    public string? MimeType { get; set; }

    /// <summary>An icon URI for the resource.</summary>
    public string? IconSource { get; set; }

    /// <summary>
    /// How long, in seconds, a modern client may reuse a read of this resource (<c>ttlMs</c>). Negative (default)
    /// uses <see cref="McpCachingOptions.ResourceReads"/>; 0 means "do not reuse".
    /// </summary>
    public int CacheSeconds { get; set; } = -1;

    /// <summary>True when any cache may share reads of this resource (<c>cacheScope: "public"</c>); default private.</summary>
    public bool CachePublic { get; set; }
}
