using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>sampling/createMessage</c>.</summary>
public sealed class CreateMessageRequestParams : RequestParams
{
    /// <summary>The conversation.</summary>
    public IList<SamplingMessage> Messages { get; set; } = [];

    /// <summary>Maximum tokens to sample.</summary>
    public required int MaxTokens { get; set; }

    /// <summary>System prompt.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Model preferences.</summary>
    public ModelPreferences? ModelPreferences { get; set; }

    /// <summary><c>none</c>, <c>thisServer</c> or <c>allServers</c> (soft-deprecated).</summary>
    public string? IncludeContext { get; set; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <summary>Stop sequences.</summary>
    public IList<string>? StopSequences { get; set; }

    /// <summary>Provider-specific metadata.</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Tools the model may use (requires the client's sampling.tools capability).</summary>
    public IList<Tool>? Tools { get; set; }

    /// <summary>Tool choice mode.</summary>
    public ToolChoice? ToolChoice { get; set; }
}
