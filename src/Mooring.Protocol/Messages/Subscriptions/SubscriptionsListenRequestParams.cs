namespace Mooring.Protocol;

/// <summary>Params of <c>subscriptions/listen</c>.</summary>
public sealed class SubscriptionsListenRequestParams : RequestParams
{
    /// <summary>The notifications the client wants on this stream.</summary>
    public required SubscriptionFilter Notifications { get; set; }
}
