using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's sampling capability.</summary>
public sealed class SamplingCapability
{
    /// <summary>Present if the client supports <c>includeContext</c>.</summary>
    [JsonPropertyName(McpCapabilityKeys.Context)]
    public JsonObject? Context { get; set; }

    /// <summary>Present if the client supports tool use in sampling.</summary>
    [JsonPropertyName(McpCapabilityKeys.Tools)]
    public JsonObject? Tools { get; set; }
}
