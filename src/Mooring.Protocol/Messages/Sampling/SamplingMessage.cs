using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A message sent to or received from an LLM. Content is one block or several.</summary>
public sealed class SamplingMessage
{
    /// <summary>Sender.</summary>
    public required Role Role { get; set; }

    /// <summary>Content blocks (serialized as a single block when there is one).</summary>
    [JsonConverter(typeof(SamplingContentConverter))]
    public IList<ContentBlock> Content { get; set; } = [];

    /// <summary>Message metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
