using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's elicitation capability. Present but empty means form mode only.</summary>
public sealed class ElicitationCapability
{
    /// <summary>Present if the client supports form mode.</summary>
    [JsonPropertyName(McpCapabilityKeys.Form)]
    public JsonObject? Form { get; set; }

    /// <summary>Present if the client supports URL mode.</summary>
    [JsonPropertyName(McpCapabilityKeys.Url)]
    public JsonObject? Url { get; set; }
}
