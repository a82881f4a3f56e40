using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Mooring.Server;

/// <summary>One parameter of a handler method and how it is bound.</summary>
internal sealed class McpBoundParameter
{
    public required ParameterInfo Info { get; init; }

    public required McpParameterKind Kind { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The <c>x-mcp-header</c> name from <see cref="McpHeaderAttribute"/>, for tool arguments mirrored into a header.</summary>
    public string? HeaderName { get; init; }

    /// <summary>True for arguments the client must send (no default value, not nullable).</summary>
    public bool IsRequired { get; init; }

    /// <summary>True for <c>Nullable&lt;T&gt;</c> and nullable reference parameters.</summary>
    public bool AcceptsNull { get; init; }

    /// <summary>Completion candidates for prompts and templates.</summary>
    public IReadOnlyList<string>? CompletionValues { get; init; }

    /// <summary>
    /// The serializer metadata of the parameter's type, set by <see cref="McpMethodBinder"/> on the first call that
    /// reads it from JSON (a race resolves the same cached instance twice).
    /// </summary>
    public JsonTypeInfo? TypeInfo { get; set; }
}
