using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A tool the server offers.</summary>
public sealed class Tool
{
    /// <summary>Programmatic name.</summary>
    public required string Name { get; set; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>What the tool does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>JSON Schema of the arguments (root type object).</summary>
    public JsonElement InputSchema { get; set; }

    /// <summary>JSON Schema of <c>structuredContent</c>.</summary>
    public JsonElement? OutputSchema { get; set; }

    /// <summary>Behaviour hints (untrusted).</summary>
    public ToolAnnotations? Annotations { get; set; }

    /// <summary>Execution properties such as task support.</summary>
    public ToolExecution? Execution { get; set; }

    /// <summary>Icons.</summary>
    public IList<Icon>? Icons { get; set; }

    /// <summary>Tool metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
