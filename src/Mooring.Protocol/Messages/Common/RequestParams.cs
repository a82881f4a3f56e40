using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Base of all request params: carries <c>_meta</c>.</summary>
public class RequestParams
{
    /// <summary>Request metadata.</summary>
    [JsonPropertyName("_meta")]
    public RequestMeta? Meta { get; set; }
}
