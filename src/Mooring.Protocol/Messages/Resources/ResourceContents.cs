using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// The contents of a resource: <see cref="TextResourceContents"/> or <see cref="BlobResourceContents"/>. The wire
/// format has no discriminator; the presence of <c>text</c> or <c>blob</c> decides.
/// </summary>
[JsonConverter(typeof(ResourceContentsConverter))]
public abstract class ResourceContents
{
    /// <summary>The resource URI.</summary>
    public required string Uri { get; set; }

    /// <summary>The MIME type.</summary>
    public string? MimeType { get; set; }

    /// <summary>Contents metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
