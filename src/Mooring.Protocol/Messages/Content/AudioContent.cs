using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Base64-encoded audio content.</summary>
public sealed class AudioContent : ContentBlock
{
    /// <summary>Base64 audio data.</summary>
    public required string Data { get; set; }

    /// <summary>The audio's MIME type.</summary>
    public required string MimeType { get; set; }
}
