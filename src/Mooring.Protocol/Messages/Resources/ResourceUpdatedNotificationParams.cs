using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/resources/updated</c>.</summary>
public sealed class ResourceUpdatedNotificationParams : NotificationParams
{
    /// <summary>The resource that changed.</summary>
    public required string Uri { get; set; }
}
