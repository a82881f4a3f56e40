using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Text contents of a resource.</summary>
public sealed class TextResourceContents : ResourceContents
{
    /// <summary>The text.</summary>
    public required string Text { get; set; }
}
