using Mooring.Protocol;

namespace Mooring.Server.Stdio;

/// <summary>
/// <c>subscriptions/listen</c> over stdio (modern era). Every stream shares stdout, so each message carries
/// <c>_meta["io.modelcontextprotocol/subscriptionId"]</c> (the listen request's id): first the acknowledgement, then
/// the list changes and resource updates the client asked for. Each stream holds a unit of
/// <see cref="McpBudget.ListenStreams"/>; over the cap the request is refused.
/// </summary>
/// <remarks>
/// <para>
/// The client ends a stream with <c>notifications/cancelled</c> for the listen id; nothing more is written for it
/// (stdio.mdx: the server "MUST NOT send any further messages for it").
/// </para>
/// <para>
/// The server ends a stream (stdin closed, the host stopping, or <see cref="McpSubscriptionHub.EndAll"/>) with two
/// messages, in this order. First <c>notifications/cancelled {requestId}</c>: cancellation.mdx says "A server MUST send
/// <c>notifications/cancelled</c> referencing a <c>subscriptions/listen</c> request ID when it tears down that
/// subscription stream", and its behaviour rules say cancellation notifications "MUST only reference requests that
/// … are believed to still be in-progress", so it has to precede the response. Then the completion result:
/// subscriptions.mdx says the server "SHOULD respond to the original <c>subscriptions/listen</c> request with a
/// completion result before closing the stream", which also completes the JSON-RPC request for clients that do not
/// act on a server's cancellation. Both are tagged with the subscription id, like every message of the stream.
/// </para>
/// </remarks>
internal sealed partial class McpStdioTransport
{
    private async Task ListenAsync(ChannelMessageSink sink, StdioModernRequest request, JsonRpcMessage message)
    {
        try
        {
            if (McpSubscriptionHub.ReadFilter(message.Params) is not { } filter)
            {
                await FinishAsync(sink, request, McpOutgoingMessage.Rejection(request.Id, McpRejection.InvalidParams, "Invalid params: subscriptions/listen needs a notifications filter.")).ConfigureAwait(false);
                return;
            }

            using McpLease? lease = _server.Governor.TryLease(McpBudget.ListenStreams);
            if (lease is null)
            {
                await FinishAsync(sink, request, McpOutgoingMessage.Rejection(request.Id, McpRejection.TooManyStreams)).ConfigureAwait(false);
                return;
            }

            using McpSubscription subscription = _server.Subscriptions.Open(request.Id, filter);
            McpEndReason reason = await PumpListenAsync(sink, request, subscription).ConfigureAwait(false);
            lease.End(reason);
            StdioLog.ListenEnded(_logger, request.Id, reason);
        }
        finally
        {
            _modern.TryRemove(new KeyValuePair<RequestId, StdioModernRequest>(request.Id, request));
        }
    }

    private static async Task<McpEndReason> PumpListenAsync(ChannelMessageSink sink, StdioModernRequest request, McpSubscription subscription)
    {
        McpOutgoingMessage first = subscription.CreateAcknowledgement();
        using (CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(request.Cancelled, subscription.Ended))
        {
            try
            {
                // The request sink refuses once the client cancelled: then the loop ends and nothing more goes out.
                if (await request.EnqueueAsync(first, stop.Token).ConfigureAwait(false))
                {
                    await foreach (McpOutgoingMessage notification in subscription.Sink.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        if (!await request.EnqueueAsync(notification, stop.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Cancelled by the client, or ended by the server: told apart below.
            }
        }

        if (request.IsCancelledByClient || !request.TryFinish())
        {
            return McpEndReason.Cancelled;
        }

        // The server tears the stream down: the cancellation first, then the final result (see the type's remarks).
        (McpOutgoingMessage cancelled, McpOutgoingMessage result) = subscription.CreateTeardown();
        await sink.EnqueueAsync(cancelled, CancellationToken.None).ConfigureAwait(false);
        await sink.EnqueueAsync(result, CancellationToken.None).ConfigureAwait(false);
        return McpEndReason.Shutdown;
    }

    private static async Task FinishAsync(ChannelMessageSink sink, StdioModernRequest request, McpOutgoingMessage response)
    {
        if (request.TryFinish())
        {
            await sink.EnqueueAsync(response, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
