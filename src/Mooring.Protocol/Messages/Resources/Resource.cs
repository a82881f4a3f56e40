using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A resource the server can read.</summary>
public sealed class Resource
{
    /// <summary>The resource URI.</summary>
    public required string Uri { get; set; }

    /// <summary>Programmatic name.</summary>
    public required string Name { get; set; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>MIME type.</summary>
    public string? MimeType { get; set; }

    /// <summary>Size in bytes.</summary>
    public long? Size { get; set; }

    /// <summary>Display hints.</summary>
    public Annotations? Annotations { get; set; }

    /// <summary>Icons.</summary>
    public IList<Icon>? Icons { get; set; }

    /// <summary>Resource metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
