using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A reference to a prompt (<c>ref/prompt</c>, by name) or a resource template (<c>ref/resource</c>, by URI).</summary>
public sealed class CompletionReference
{
    /// <summary><c>ref/prompt</c> or <c>ref/resource</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The prompt name.</summary>
    public string? Name { get; set; }

    /// <summary>The resource template URI.</summary>
    public string? Uri { get; set; }
}
