using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's answer to <c>sampling/createMessage</c>.</summary>
public sealed class CreateMessageResult : Result
{
    /// <summary>Sender (assistant).</summary>
    public required Role Role { get; set; }

    /// <summary>Content blocks.</summary>
    [JsonConverter(typeof(SamplingContentConverter))]
    public IList<ContentBlock> Content { get; set; } = [];

    /// <summary>The model that answered.</summary>
    public required string Model { get; set; }

    /// <summary>Why sampling stopped.</summary>
    public string? StopReason { get; set; }
}
