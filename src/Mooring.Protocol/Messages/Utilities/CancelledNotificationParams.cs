using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/cancelled</c>.</summary>
public sealed class CancelledNotificationParams : NotificationParams
{
    /// <summary>The request to cancel.</summary>
    public RequestId? RequestId { get; set; }

    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}
