using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Capabilities a server declares at initialization.</summary>
public sealed class ServerCapabilities
{
    /// <summary>Non-standard capabilities.</summary>
    [JsonPropertyName("experimental")]
    public JsonObject? Experimental { get; set; }

    /// <summary>Present if the server sends log messages.</summary>
    [JsonPropertyName("logging")]
    public JsonObject? Logging { get; set; }

    /// <summary>Present if the server offers argument completion.</summary>
    [JsonPropertyName("completions")]
    public JsonObject? Completions { get; set; }

    /// <summary>Present if the server offers prompts.</summary>
    [JsonPropertyName("prompts")]
    public PromptsCapability? Prompts { get; set; }

    /// <summary>Present if the server offers resources.</summary>
    [JsonPropertyName("resources")]
    public ResourcesCapability? Resources { get; set; }

    /// <summary>Present if the server offers tools.</summary>
    [JsonPropertyName("tools")]
    public ToolsCapability? Tools { get; set; }

    /// <summary>Present if the server supports task-augmented requests.</summary>
    [JsonPropertyName("tasks")]
    public JsonObject? Tasks { get; set; }

    /// <summary>Extensions the server supports.</summary>
    [JsonPropertyName("extensions")]
    public JsonObject? Extensions { get; set; }
}
