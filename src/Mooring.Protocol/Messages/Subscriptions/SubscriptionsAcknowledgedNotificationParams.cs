namespace Mooring.Protocol;

/// <summary>Params of <c>notifications/subscriptions/acknowledged</c>: the part of the filter the server will honour.</summary>
public sealed class SubscriptionsAcknowledgedNotificationParams : NotificationParams
{
    /// <summary>The notifications this stream will carry.</summary>
    public required SubscriptionFilter Notifications { get; set; }
}
