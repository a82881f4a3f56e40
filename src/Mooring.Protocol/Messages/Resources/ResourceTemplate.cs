using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A parameterized resource (RFC 6570 URI template).</summary>
public sealed class ResourceTemplate
{
    /// <summary>The URI template.</summary>
    public required string UriTemplate { get; set; }

    /// <summary>Programmatic name.</summary>
    public required string Name { get; set; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>MIME type of matching resources.</summary>
    public string? MimeType { get; set; }

    /// <summary>Display hints.</summary>
    public Annotations? Annotations { get; set; }

    /// <summary>Icons.</summary>
    public IList<Icon>? Icons { get; set; }

    /// <summary>Template metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
