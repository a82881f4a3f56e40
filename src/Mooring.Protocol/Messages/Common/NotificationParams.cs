using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Base of notification params: carries <c>_meta</c>.</summary>
public class NotificationParams
{
    /// <summary>Notification metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
