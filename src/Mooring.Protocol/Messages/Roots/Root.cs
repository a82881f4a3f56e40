using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A root the client exposes: a <c>file://</c> URI.</summary>
public sealed class Root
{
    /// <summary>The root URI.</summary>
    public required string Uri { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Root metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
