using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/elicitation/complete</c>.</summary>
public sealed class ElicitationCompleteNotificationParams : NotificationParams
{
    /// <summary>The URL-mode elicitation that completed.</summary>
    public required string ElicitationId { get; set; }
}
