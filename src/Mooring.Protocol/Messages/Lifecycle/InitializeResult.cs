using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>initialize</c>.</summary>
public sealed class InitializeResult : Result
{
    /// <summary>The negotiated protocol version.</summary>
    public required string ProtocolVersion { get; set; }

    /// <summary>The server's capabilities.</summary>
    public required ServerCapabilities Capabilities { get; set; }

    /// <summary>The server's name and version.</summary>
    public required Implementation ServerInfo { get; set; }

    /// <summary>How to use the server, for the model.</summary>
    public string? Instructions { get; set; }
}
