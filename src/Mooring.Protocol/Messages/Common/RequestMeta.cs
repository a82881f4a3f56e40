using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// The <c>_meta</c> object of a request's params: the progress token, the per-request identity of the modern era
/// (protocol version, client capabilities and info, log level), and any other keys as sent.
/// </summary>
public sealed class RequestMeta
{
    /// <summary>Token for out-of-band progress notifications.</summary>
    public RequestId? ProgressToken { get; set; }

    /// <summary>The request's protocol revision; present on (and required for) every modern request.</summary>
    [JsonPropertyName(McpMetaKeys.ProtocolVersion)]
    public string? ProtocolVersion { get; set; }

    /// <summary>The capabilities the client declares for this request; required on modern requests.</summary>
    [JsonPropertyName(McpMetaKeys.ClientCapabilities)]
    public ClientCapabilities? ClientCapabilities { get; set; }

    /// <summary>The client's name and version; optional.</summary>
    [JsonPropertyName(McpMetaKeys.ClientInfo)]
    public Implementation? ClientInfo { get; set; }

    /// <summary>The lowest log level the client wants for this request; null means no logs (modern era).</summary>
    [JsonPropertyName(McpMetaKeys.LogLevel)]
    public LoggingLevel? LogLevel { get; set; }

    /// <summary>Any other <c>_meta</c> keys, kept as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
