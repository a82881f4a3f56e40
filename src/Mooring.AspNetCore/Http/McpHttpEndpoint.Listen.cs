using System.Runtime.CompilerServices;
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
    /// <summary>Holds the stream of a checked <c>subscriptions/listen</c> (see <see cref="HandleModernAsync"/>) until the client or the server ends it.</summary>
    private async Task ListenAsync(HttpContext context, ListenRequest request)
    {
        RequestId id = request.Id;
        using McpLease? lease = _server.Governor.TryLease(McpBudget.ListenStreams);
        if (lease is null)
        {
            await RejectAsync(context, McpRejection.TooManyStreams, id).ConfigureAwait(false);
            return;
        }

        using McpSubscription subscription = _server.Subscriptions.Open(id, request.Filter);
        var connection = new SseConnection(context, _time, _options.WriteTimeout, _server.Governor);
        await using ConfiguredAsyncDisposable ownedConnection = connection.ConfigureAwait(false);
        McpEndReason reason = McpEndReason.ClientGone;
        try
        {
            if (await connection.StartAsync(sessionId: null).ConfigureAwait(false) && await WriteEventAsync(connection, subscription.CreateAcknowledgement()).ConfigureAwait(false))
            {
                // The pump, inline: a listen stream is held for as long as the client likes, and every async frame it
                // waits in is kept that long. The queue is completed when the server ends the subscription
                // (McpSubscription.End) and, through this registration, when the client leaves, so the reader waits
                // without a token and the wait itself allocates nothing.
                var writer = new SseListenWriter(connection);
                connection.StartHeartbeat(_options.HeartbeatInterval, writer);
                System.Threading.Channels.ChannelReader<McpOutgoingMessage> reader = subscription.Sink.Reader;
                bool clientGone = false;
                using (connection.Aborted.UnsafeRegister(static s => ((ChannelMessageSink)s!).Complete(), subscription.Sink))
                {
                    while (!clientGone && await reader.WaitToReadAsync().ConfigureAwait(false) && !IsOver(connection, subscription))
                    {
                        while (!IsOver(connection, subscription) && reader.TryRead(out McpOutgoingMessage? notification))
                        {
                            if (!await writer.WriteAsync(notification).ConfigureAwait(false))
                            {
                                clientGone = true;
                                break;
                            }
                        }
                    }
                }

                if (!clientGone && !connection.Aborted.IsCancellationRequested && subscription.Ended.IsCancellationRequested)
                {
                    // The server ends the subscription: notifications/cancelled, then the final result (McpSubscription.CreateTeardown).
                    (McpOutgoingMessage cancelled, McpOutgoingMessage result) = subscription.CreateTeardown();
                    await writer.WriteAsync(cancelled).ConfigureAwait(false);
                    await writer.WriteAsync(result).ConfigureAwait(false);
                    connection.End(McpEndReason.Shutdown);
                    reason = McpEndReason.Shutdown;
                }
            }
        }
        finally
        {
            lease.End(connection.EndReason ?? reason);
        }
    }

    /// <summary>True once the stream must stop carrying notifications: the client left or the server ended the subscription.</summary>
    private static bool IsOver(SseConnection connection, McpSubscription subscription) =>
        connection.Aborted.IsCancellationRequested || subscription.Ended.IsCancellationRequested;

    private static ValueTask<bool> WriteEventAsync(SseConnection connection, McpOutgoingMessage message) =>
        SseListenWriter.WriteEventAsync(connection, message);

    /// <summary>
    /// A <c>subscriptions/listen</c> that passed every check: all its stream needs of the request. A class, not a struct:
    /// every POST's async frames carry the (usually null) result, and a reference keeps that to 8 bytes.
    /// </summary>
    private sealed record ListenRequest(RequestId Id, SubscriptionFilter Filter);
}
