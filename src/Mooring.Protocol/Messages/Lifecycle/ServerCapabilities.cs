using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Capabilities a server declares at initialization.</summary>
public sealed class ServerCapabilities
{
    /// <summary>Non-standard capabilities.</summary>
    [JsonPropertyName(McpCapabilityKeys.Experimental)]
    public JsonObject? Experimental { get; set; }

    /// <summary>Present if the server sends log messages.</summary>
    [JsonPropertyName(McpCapabilityKeys.Logging)]
    public JsonObject? Logging { get; set; }

    /// <summary>Present if the server offers argument completion.</summary>
    [JsonPropertyName(McpCapabilityKeys.Completions)]
    public JsonObject? Completions { get; set; }

    /// <summary>Present if the server offers prompts.</summary>
    [JsonPropertyName(McpCapabilityKeys.Prompts)]
    public PromptsCapability? Prompts { get; set; }

    /// <summary>Present if the server offers resources.</summary>
    [JsonPropertyName(McpCapabilityKeys.Resources)]
    public ResourcesCapability? Resources { get; set; }

    /// <summary>Present if the server offers tools.</summary>
    [JsonPropertyName(McpCapabilityKeys.Tools)]
    public ToolsCapability? Tools { get; set; }

    /// <summary>Present if the server supports task-augmented requests.</summary>
    [JsonPropertyName(McpCapabilityKeys.Tasks)]
    public JsonObject? Tasks { get; set; }

    /// <summary>Extensions the server supports.</summary>
    [JsonPropertyName(McpCapabilityKeys.Extensions)]
    public JsonObject? Extensions { get; set; }
}
