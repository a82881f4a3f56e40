using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The server's prompts capability.</summary>
public sealed class PromptsCapability
{
    /// <summary>Whether the server notifies when the prompt list changes.</summary>
    public bool? ListChanged { get; set; }
}
