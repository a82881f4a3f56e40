using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The <c>_meta</c> object of a result: the server's identity (modern era) plus any other keys.</summary>
public sealed class ResultMeta
{
    /// <summary>The server's name and version; in every modern result.</summary>
    [JsonPropertyName(McpMetaKeys.ServerInfo)]
    public Implementation? ServerInfo { get; set; }

    /// <summary>The <c>subscriptions/listen</c> request this result ends.</summary>
    [JsonPropertyName(McpMetaKeys.SubscriptionId)]
    public RequestId? SubscriptionId { get; set; }

    /// <summary>Any other <c>_meta</c> keys.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
