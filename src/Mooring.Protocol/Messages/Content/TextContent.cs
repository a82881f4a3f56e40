using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Text content.</summary>
public sealed class TextContent : ContentBlock
{
    /// <summary>The text.</summary>
    public required string Text { get; set; }
}
