using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A resource embedded in content.</summary>
public sealed class EmbeddedResource : ContentBlock
{
    /// <summary>The resource's contents.</summary>
    public required ResourceContents Resource { get; set; }
}
