using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>One message of a prompt.</summary>
public sealed class PromptMessage
{
    /// <summary>Sender.</summary>
    public required Role Role { get; set; }

    /// <summary>Content.</summary>
    public required ContentBlock Content { get; set; }
}
