using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A link to a resource the client may read.</summary>
public sealed class ResourceLink : ContentBlock
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

    /// <summary>Icons.</summary>
    public IList<Icon>? Icons { get; set; }
}
