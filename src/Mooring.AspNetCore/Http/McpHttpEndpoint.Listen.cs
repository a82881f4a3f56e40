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
        if (McpSubscriptionHub.ReadFilter(message.Params) is not { } filter)
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

        using McpSubscription subscription = _server.Subscriptions.Open(id, filter);
        using var connection = new SseConnection(context, _time, _options.WriteTimeout, _server.Governor);
        McpEndReason reason = McpEndReason.ClientGone;
        try
        {
            if (await connection.StartAsync(sessionId: null).ConfigureAwait(false) && await WriteEventAsync(connection, subscription.CreateAcknowledgement()).ConfigureAwait(false))
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

        // The server ends the subscription: notifications/cancelled, then the final result (McpSubscription.CreateTeardown).
        (McpOutgoingMessage cancelled, McpOutgoingMessage result) = subscription.CreateTeardown();
        await WriteLockedAsync(connection, gate, cancelled).ConfigureAwait(false);
        await WriteLockedAsync(connection, gate, result).ConfigureAwait(false);

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
