using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The result of a tool use (sampling only).</summary>
public sealed class ToolResultContent : ContentBlock
{
    /// <summary>Id of the tool use this answers.</summary>
    public required string ToolUseId { get; set; }

    /// <summary>Unstructured result content.</summary>
    public IList<ContentBlock> Content { get; set; } = [];

    /// <summary>Structured result.</summary>
    public JsonElement? StructuredContent { get; set; }

    /// <summary>Whether the tool use failed.</summary>
    public bool? IsError { get; set; }
}
