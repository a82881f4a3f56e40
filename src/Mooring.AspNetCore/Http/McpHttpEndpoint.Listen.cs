using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// <c>subscriptions/listen</c> (modern era): an SSE stream that opens with the acknowledgement, then carries the
/// list changes and resource updates the client asked for, each tagged with the subscription id, with a comment
/// heartbeat while it is quiet. It is leased from its own budget. The client ends it by closing the stream; the server
/// ends it when it drains, with <c>notifications/cancelled</c> for the listen request and then its final result.
/// </summary>
internal sealed partial class McpHttpEndpoint
{
    private async Task ListenAsync(HttpContext context, JsonRpcMessage message)
    {
        RequestId id = message.Id!.Value;
        SubscriptionsListenRequestParams? parameters = null;
        try
        {
            parameters = message.Params.IsEmpty ? null : JsonSerializer.Deserialize(message.Params.Span, McpJsonContext.Default.SubscriptionsListenRequestParams);
        }
        catch (JsonException)
        {
            // Answered below as invalid params.
        }

        if (parameters?.Notifications is null)
        {
            await RejectAsync(context, McpRejection.InvalidParams, id, "Invalid params: subscriptions/listen needs a notifications filter.").ConfigureAwait(false);
            return;
        }

        using McpLease? lease = _server.Governor.TryLease(McpBudget.ListenStreams);
        if (lease is null)
        {
            await RejectAsync(context, McpRejection.TooManyStreams, id).ConfigureAwait(false);
            return;
        }

        using McpSubscription subscription = _server.Subscriptions.Open(id, parameters.Notifications);
        using var connection = new SseConnection(context, _time, _options.WriteTimeout, _server.Governor);
        McpEndReason reason = McpEndReason.ClientGone;
        try
        {
            var ack = new SubscriptionsAcknowledgedNotificationParams { Notifications = subscription.Accepted, Meta = subscription.CreateMeta() };
            McpOutgoingMessage first = McpOutgoingMessage.Notification(McpMethods.NotificationSubscriptionsAcknowledged, ack, McpJsonContext.Default.SubscriptionsAcknowledgedNotificationParams);
            if (await connection.StartAsync(sessionId: null).ConfigureAwait(false) && await WriteEventAsync(connection, first).ConfigureAwait(false))
            {
                reason = await PumpListenAsync(connection, subscription).ConfigureAwait(false);
            }
        }
        finally
        {
            lease.End(connection.EndReason ?? reason);
        }
    }

    private async Task<McpEndReason> PumpListenAsync(SseConnection connection, McpSubscription subscription)
    {
        using var gate = new SemaphoreSlim(1, 1);
        connection.StartHeartbeat(_options.HeartbeatInterval, () => HeartbeatAsync(connection, gate), static _ => { });
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(connection.Aborted, subscription.Ended);
        try
        {
            await foreach (McpOutgoingMessage notification in subscription.Sink.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (!await WriteLockedAsync(connection, gate, notification).ConfigureAwait(false))
                {
                    return McpEndReason.ClientGone;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (!subscription.Ended.IsCancellationRequested)
            {
                return McpEndReason.ClientGone;
            }
        }

        // The server ends the subscription. cancellation.mdx: it MUST send notifications/cancelled for the listen
        // request, which may only name a request still in progress, so that comes first; subscriptions.mdx: it SHOULD
        // then answer the request with its final result before closing the stream.
        var cancelled = new CancelledNotificationParams { RequestId = subscription.Id, Reason = "The server is shutting down.", Meta = subscription.CreateMeta() };
        await WriteLockedAsync(connection, gate, McpOutgoingMessage.Notification(McpMethods.NotificationCancelled, cancelled, McpJsonContext.Default.CancelledNotificationParams)).ConfigureAwait(false);
        var result = new EmptyResult { ResultType = McpResultTypes.Complete, Meta = new ResultMeta { ServerInfo = _server.Options.ServerInfo, SubscriptionId = subscription.Id } };
        await WriteLockedAsync(connection, gate, McpOutgoingMessage.Result(subscription.Id, result, McpJsonContext.Default.EmptyResult)).ConfigureAwait(false);
        connection.End(McpEndReason.Shutdown);
        return McpEndReason.Shutdown;
    }

    private static async Task HeartbeatAsync(SseConnection connection, SemaphoreSlim gate)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!await connection.WriteAsync(0, static (w, _) => SseFrames.WriteComment(w, "heartbeat")).ConfigureAwait(false))
            {
                connection.End(connection.EndReason ?? McpEndReason.HeartbeatFailed);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<bool> WriteLockedAsync(SseConnection connection, SemaphoreSlim gate, McpOutgoingMessage message)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await WriteEventAsync(connection, message).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static ValueTask<bool> WriteEventAsync(SseConnection connection, McpOutgoingMessage message) =>
        connection.WriteAsync(message, static (w, m) => SseFrames.WriteEvent(w, null, m));
}
