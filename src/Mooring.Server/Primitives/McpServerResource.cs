using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A resource with a fixed URI, or a resource template matching many URIs.</summary>
public abstract class McpServerResource : IMcpServerPrimitive
{
    /// <summary>The resource as listed by <c>resources/list</c>; null for a template.</summary>
    public abstract Resource? ProtocolResource { get; }

    /// <summary>The template as listed by <c>resources/templates/list</c>; null for a fixed resource.</summary>
    public abstract ResourceTemplate? ProtocolResourceTemplate { get; }

    /// <inheritdoc />
    public string Key => ProtocolResource?.Uri ?? ProtocolResourceTemplate!.UriTemplate;

    /// <summary>True for a template.</summary>
    public bool IsTemplate => ProtocolResourceTemplate is not null;

    /// <summary>Matches a URI; for a template, returns its variables.</summary>
    public abstract bool TryMatch(string uri, out IReadOnlyDictionary<string, string>? variables);

    /// <summary>Caching hints for this resource's reads on modern requests; null uses <see cref="McpCachingOptions.ResourceReads"/>.</summary>
    public McpCacheHint? CacheHint { get; set; }

    /// <summary>Reads the resource at <paramref name="uri"/> (which <see cref="TryMatch"/> accepted).</summary>
    public abstract ValueTask<ReadResourceResult> ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string>? variables);

    /// <summary>Suggests values for a template variable; null when there are none.</summary>
    public virtual Completion? Complete(string argumentName, string value) => null;

    /// <summary>Creates a resource or template from a method marked with <see cref="McpResourceAttribute"/>.</summary>
    public static McpServerResource Create(MethodInfo method, object? target, McpServerOptions options, IServiceProviderIsService? isService = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        McpResourceAttribute attribute = method.GetCustomAttribute<McpResourceAttribute>()
            ?? throw new ArgumentException($"Method '{method.Name}' has no [McpResource] attribute giving its URI.", nameof(method));
        return new MethodServerResource(new McpMethodBinder(method, target, options, isService), attribute);
    }
}
