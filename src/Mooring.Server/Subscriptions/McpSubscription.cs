using System.Text.Json.Nodes;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// One open <c>subscriptions/listen</c> stream (modern era): the notifications it agreed to carry and the bounded
/// queue they go to, each tagged with the subscription id. Disposing it unregisters it; <see cref="Ended"/> fires when
/// the server ends it (shutdown), so the transport can send the final result and close the stream.
/// </summary>
public sealed class McpSubscription : IDisposable
{
    private readonly McpSubscriptionHub _hub;
    private readonly Implementation _serverInfo;
    private readonly HashSet<string>? _resources; // null when the filter names no resource (most listen streams)
    private readonly CancellationTokenSource _ended = new();
    private int _disposed;

    internal McpSubscription(McpSubscriptionHub hub, RequestId id, SubscriptionFilter accepted, ChannelMessageSink sink, Implementation serverInfo)
    {
        _hub = hub;
        _serverInfo = serverInfo;
        Id = id;
        Accepted = accepted;
        Sink = sink;
        _resources = accepted.ResourceSubscriptions is { Count: > 0 } uris ? new HashSet<string>(uris, StringComparer.Ordinal) : null;
    }

    /// <summary>The subscription id: the JSON-RPC id of the <c>subscriptions/listen</c> request.</summary>
    public RequestId Id { get; }

    /// <summary>The part of the requested filter the server honours (sent in the acknowledgement).</summary>
    public SubscriptionFilter Accepted { get; }

    /// <summary>The notifications to write, in order; completed when the subscription ends.</summary>
    public ChannelMessageSink Sink { get; }

    /// <summary>Fires when the server ends the subscription (it is shutting down); <see cref="Sink"/> is completed right after.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>The <c>_meta</c> that tags every message of this subscription.</summary>
    public JsonObject CreateMeta() => new() { [McpMetaKeys.SubscriptionId] = Id.IsString ? JsonValue.Create(Id.AsString) : JsonValue.Create(Id.AsNumber) };

    /// <summary>The first message of the stream: <c>notifications/subscriptions/acknowledged</c> with the accepted filter.</summary>
    public McpOutgoingMessage CreateAcknowledgement() => McpOutgoingMessage.Notification(
        McpMethods.NotificationSubscriptionsAcknowledged,
        new SubscriptionsAcknowledgedNotificationParams { Notifications = Accepted, Meta = CreateMeta() },
        McpJsonContext.Default.SubscriptionsAcknowledgedNotificationParams);

    /// <summary>
    /// The two messages that end the stream from the server's side, in this order. First <c>notifications/cancelled</c>
    /// for the listen request: cancellation.mdx says a server MUST send it when it tears a subscription stream down,
    /// and that it may only name a request still in progress, so it precedes the answer. Then the completion result
    /// subscriptions.mdx asks for (SHOULD), which also completes the request for clients that ignore a server's
    /// cancellation. Both are tagged with the subscription id.
    /// </summary>
    public (McpOutgoingMessage Cancelled, McpOutgoingMessage FinalResult) CreateTeardown()
    {
        var cancelled = new CancelledNotificationParams { RequestId = Id, Reason = "The server closed the subscription.", Meta = CreateMeta() };
        var result = new EmptyResult { ResultType = McpResultTypes.Complete, Meta = new ResultMeta { ServerInfo = _serverInfo, SubscriptionId = Id } };
        return (
            McpOutgoingMessage.Notification(McpMethods.NotificationCancelled, cancelled, McpJsonContext.Default.CancelledNotificationParams),
            McpOutgoingMessage.Result(Id, result, McpJsonContext.Default.EmptyResult));
    }

    /// <summary>Unregisters the subscription and completes its queue.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _hub.Remove(this);
            Sink.Complete();
            _ended.Dispose();
        }
    }

    internal bool Wants(string method) => method switch
    {
        McpMethods.NotificationToolListChanged => Accepted.ToolsListChanged == true,
        McpMethods.NotificationPromptListChanged => Accepted.PromptsListChanged == true,
        McpMethods.NotificationResourceListChanged => Accepted.ResourcesListChanged == true,
        _ => false,
    };

    internal bool WantsResource(string uri) => _resources?.Contains(uri) == true;

    internal void End()
    {
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: already ended.
        }

        // After the cancellation, so a reader woken by the completed queue sees why: it can wait on the queue alone,
        // without a cancellation registration for every held stream.
        Sink.Complete();
    }
}
