using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Capabilities a client declares at initialization.</summary>
public sealed class ClientCapabilities
{
    /// <summary>Non-standard capabilities.</summary>
    [JsonPropertyName(McpCapabilityKeys.Experimental)]
    public JsonObject? Experimental { get; set; }

    /// <summary>Present if the client can list roots.</summary>
    [JsonPropertyName(McpCapabilityKeys.Roots)]
    public RootsCapability? Roots { get; set; }

    /// <summary>Present if the client can sample from an LLM.</summary>
    [JsonPropertyName(McpCapabilityKeys.Sampling)]
    public SamplingCapability? Sampling { get; set; }

    /// <summary>Present if the client supports elicitation.</summary>
    [JsonPropertyName(McpCapabilityKeys.Elicitation)]
    public ElicitationCapability? Elicitation { get; set; }

    /// <summary>Present if the client supports task-augmented requests.</summary>
    [JsonPropertyName(McpCapabilityKeys.Tasks)]
    public JsonObject? Tasks { get; set; }

    /// <summary>Extensions the client supports.</summary>
    [JsonPropertyName(McpCapabilityKeys.Extensions)]
    public JsonObject? Extensions { get; set; }
}
