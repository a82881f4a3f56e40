using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The server's tools capability.</summary>
public sealed class ToolsCapability
{
    /// <summary>Whether the server notifies when the tool list changes.</summary>
    public bool? ListChanged { get; set; }
}
