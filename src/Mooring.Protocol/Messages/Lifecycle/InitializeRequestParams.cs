using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>initialize</c>.</summary>
public sealed class InitializeRequestParams : RequestParams
{
    /// <summary>The newest protocol version the client supports.</summary>
    public required string ProtocolVersion { get; set; }

    /// <summary>The client's capabilities.</summary>
    public required ClientCapabilities Capabilities { get; set; }

    /// <summary>The client's name and version.</summary>
    public required Implementation ClientInfo { get; set; }
}
