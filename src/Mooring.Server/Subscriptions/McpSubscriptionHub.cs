using System.Collections.Concurrent;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// The open <c>subscriptions/listen</c> streams of the server. List changes and resource updates reach every
/// subscription that asked for them, tagged with its id; a subscription whose queue is full misses the notification
/// (they are hints to refetch, and the queue is bounded so a slow reader cannot grow memory).
/// </summary>
public sealed class McpSubscriptionHub
{
    private readonly ConcurrentDictionary<McpSubscription, byte> _subscriptions = new();
    private readonly int _queueCapacity;
    private readonly McpResourceGovernor _governor;
    private readonly Implementation _serverInfo;

    internal McpSubscriptionHub(int queueCapacity, McpResourceGovernor governor, Implementation serverInfo)
    {
        _queueCapacity = queueCapacity;
        _governor = governor;
        _serverInfo = serverInfo;
    }

    /// <summary>The filter of a <c>subscriptions/listen</c> request's params; null when it is missing or malformed (invalid params).</summary>
    public static SubscriptionFilter? ReadFilter(ReadOnlyMemory<byte> parameters)
    {
        if (parameters.IsEmpty)
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(parameters.Span, McpJsonContext.Default.SubscriptionsListenRequestParams)?.Notifications;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Open subscriptions now.</summary>
    public int Count => _subscriptions.Count;

    /// <summary>
    /// Opens a subscription for the request <paramref name="id"/>: keeps the kinds of notification this server sends
    /// (the three list changes and resource updates; task ids are not offered) and registers it.
    /// </summary>
    public McpSubscription Open(RequestId id, SubscriptionFilter requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var accepted = new SubscriptionFilter
        {
            ToolsListChanged = requested.ToolsListChanged == true ? true : null,
            PromptsListChanged = requested.PromptsListChanged == true ? true : null,
            ResourcesListChanged = requested.ResourcesListChanged == true ? true : null,
            ResourceSubscriptions = requested.ResourceSubscriptions is { Count: > 0 } uris ? [.. uris.Distinct(StringComparer.Ordinal)] : null,
        };
        var subscription = new McpSubscription(this, id, accepted, new ChannelMessageSink(_queueCapacity, _governor), _serverInfo);
        _subscriptions[subscription] = 0;
        return subscription;
    }

    /// <summary>Ends every subscription (the server is stopping): each transport sends its final result and closes.</summary>
    public void EndAll()
    {
        foreach (McpSubscription subscription in _subscriptions.Keys)
        {
            subscription.End();
        }
    }

    internal void Remove(McpSubscription subscription) => _subscriptions.TryRemove(subscription, out _);

    internal void PublishListChanged(string method)
    {
        foreach (McpSubscription subscription in _subscriptions.Keys)
        {
            if (subscription.Wants(method))
            {
                subscription.Sink.TryEnqueue(McpOutgoingMessage.Notification(method, new NotificationParams { Meta = subscription.CreateMeta() }, McpJsonContext.Default.NotificationParams));
            }
        }
    }

    internal int PublishResourceUpdated(string uri)
    {
        int reached = 0;
        foreach (McpSubscription subscription in _subscriptions.Keys)
        {
            if (subscription.WantsResource(uri) && subscription.Sink.TryEnqueue(McpOutgoingMessage.Notification(
                McpMethods.NotificationResourceUpdated,
                new ResourceUpdatedNotificationParams { Uri = uri, Meta = subscription.CreateMeta() },
                McpJsonContext.Default.ResourceUpdatedNotificationParams)))
            {
                reached++;
            }
        }

        return reached;
    }
}
