using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Base64-encoded image content.</summary>
public sealed class ImageContent : ContentBlock
{
    /// <summary>Base64 image data.</summary>
    public required string Data { get; set; }

    /// <summary>The image's MIME type.</summary>
    public required string MimeType { get; set; }
}
