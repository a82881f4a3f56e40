using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A model's request to call a tool (sampling only).</summary>
public sealed class ToolUseContent : ContentBlock
{
    /// <summary>Id of this tool use.</summary>
    public required string Id { get; set; }

    /// <summary>Name of the tool.</summary>
    public required string Name { get; set; }

    /// <summary>Arguments for the tool.</summary>
    public JsonElement Input { get; set; }
}
