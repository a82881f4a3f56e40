using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Binary contents of a resource, base64-encoded.</summary>
public sealed class BlobResourceContents : ResourceContents
{
    /// <summary>Base64 data.</summary>
    public required string Blob { get; set; }
}
