using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The <c>_meta</c> object of a request's params: the progress token plus any other keys.</summary>
public sealed class RequestMeta
{
    /// <summary>Token for out-of-band progress notifications.</summary>
    public RequestId? ProgressToken { get; set; }

    /// <summary>Any other <c>_meta</c> keys, kept as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
