using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

internal sealed partial class McpHttpEndpoint
{
    private async Task HandlePostAsync(HttpContext context)
    {
        // The protocol version is checked after parsing: a modern request is told apart by its body's _meta.
        McpRejection? rejection = McpRequestGate.CheckPostHeaders(context.Request, _options);
        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value).ConfigureAwait(false);
            return;
        }

        byte[]? body;
        int length;
        try
        {
            (body, length, rejection) = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDisconnect(ex, context))
        {
            // The client left mid-body. A body read that failed stays "in progress" inside Kestrel, which would then
            // try to drain it for keep-alive and log an error (dotnet/aspnetcore#17840); aborting ends the
            // connection, which is gone anyway, without that.
            context.Abort();
            return;
        }

        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value).ConfigureAwait(false);
            return;
        }

        ListenRequest? listen = null;
        try
        {
            ReadOnlyMemory<byte> payload = body.AsMemory(0, length);
            if (payload.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                await RejectAsync(context, McpRejection.EmptyBody).ConfigureAwait(false);
            }
            else if (JsonRpcReader.IsBatch(payload.Span))
            {
                // Batches exist only in the legacy era.
                await (McpRequestGate.CheckProtocolVersion(context.Request) is { } version
                    ? RejectAsync(context, version)
                    : HandleBatchAsync(context, payload)).ConfigureAwait(false);
            }
            else
            {
                listen = await HandleSingleAsync(context, payload).ConfigureAwait(false);
            }
        }
        finally
        {
            // Handlers deserialize their params before their first await, so nothing refers to the body any more.
            ArrayPool<byte>.Shared.Return(body!);
            body = null;
        }

        if (listen is { } held)
        {
            // Held here, after the body went back to the pool and the parsing frames ended: a listen stream stays open
            // as long as the client likes, and nothing of its request is needed beyond the id and the filter.
            await ListenAsync(context, held).ConfigureAwait(false);
        }
    }

    /// <summary>Serves one message; a valid <c>subscriptions/listen</c> is returned for the caller to hold (see <see cref="HandleModernAsync"/>).</summary>
    private async Task<ListenRequest?> HandleSingleAsync(HttpContext context, ReadOnlyMemory<byte> payload)
    {
        JsonRpcParseResult parsed = JsonRpcReader.Parse(payload, _server.Options.MaxJsonDepth);
        if (!parsed.IsOk)
        {
            await RejectParseAsync(context, parsed).ConfigureAwait(false);
            return null;
        }

        JsonRpcMessage message = parsed.Message!;
        RequestMeta? meta = message.IsRequest || message.Kind == JsonRpcMessageKind.Notification ? ReadMeta(message.Params) : null;
        if (IsModern(context.Request, meta))
        {
            return await HandleModernAsync(context, message, meta).ConfigureAwait(false);
        }

        if (McpRequestGate.CheckProtocolVersion(context.Request) is { } unsupported)
        {
            await RejectAsync(context, unsupported, message.Id).ConfigureAwait(false);
            return null;
        }

        if (string.IsNullOrEmpty(context.Request.Headers[McpHttpHeaders.SessionId]))
        {
            await (message.IsRequest && message.Method == McpMethods.Initialize
                ? InitializeAsync(context, message)
                : RejectAsync(context, McpRejection.SessionRequired, message.Id)).ConfigureAwait(false);
            return null;
        }

        McpRejection? rejection = FindSession(context, out McpHttpSession? session);
        if (rejection is null && message.IsRequest && _sessions.IsDraining)
        {
            // While draining, responses and notifications still land (they finish work); new requests go elsewhere.
            rejection = McpRejection.Draining;
        }

        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value, message.Id).ConfigureAwait(false);
            return null;
        }

        session!.BeginRequest();
        try
        {
            if (!message.IsRequest)
            {
                // Notifications and the client's responses are accepted with 202 and no body (spec MUST).
                await session.Core.HandleAsync(message, null, _server.Services, CancellationToken.None).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return null;
            }

            await HandleRequestsAsync(context, session, [message], batchErrors: null).ConfigureAwait(false);
            return null;
        }
        finally
        {
            session.EndRequest();
        }
    }

    private async Task InitializeAsync(HttpContext context, JsonRpcMessage message)
    {
        if (_sessions.IsDraining)
        {
            await RejectAsync(context, McpRejection.Draining, message.Id).ConfigureAwait(false);
            return;
        }

        McpHttpSession? session = await _sessions.TryCreateAsync().ConfigureAwait(false);
        if (session is null)
        {
            await RejectAsync(context, McpRejection.TooManySessions, message.Id).ConfigureAwait(false);
            return;
        }

        McpOutgoingMessage? response = await session.Core.HandleAsync(message, null, _server.Services, context.RequestAborted).ConfigureAwait(false);
        if (response is null || !session.Core.IsInitialized)
        {
            // A failed initialize leaves nothing behind.
            await session.EndAsync(McpEndReason.Error).ConfigureAwait(false);
            await WriteJsonAsync(context, response ?? McpOutgoingMessage.Rejection(message.Id, McpRejection.InvalidRequest), sessionId: null).ConfigureAwait(false);
            return;
        }

        _sessions.Publish(session);
        McpHttpLog.SessionCreated(_logger, session.Id);
        await WriteJsonAsync(context, response, session.Id).ConfigureAwait(false);
    }

    private async Task HandleBatchAsync(HttpContext context, ReadOnlyMemory<byte> payload)
    {
        McpRejection? rejection = FindSession(context, out McpHttpSession? session);
        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value).ConfigureAwait(false);
            return;
        }

        // Malformed JSON is a parse error whatever the session's version; only a well-formed batch meets the version rule.
        JsonRpcParseStatus status = JsonRpcReader.ParseBatch(payload, out List<JsonRpcParseResult> items, _server.Options.MaxJsonDepth, _options.MaxBatchSize);
        if (status == JsonRpcParseStatus.InvalidJson)
        {
            await RejectAsync(context, McpRejection.ParseError).ConfigureAwait(false);
            return;
        }

        if (!McpProtocolVersions.AllowsBatches(session!.Core.ProtocolVersion))
        {
            await RejectAsync(context, McpRejection.BatchNotSupported).ConfigureAwait(false);
            return;
        }

        if (status != JsonRpcParseStatus.Ok)
        {
            await RejectAsync(context, McpRejection.InvalidRequest, detail: status == JsonRpcParseStatus.EmptyBatch
                ? "Invalid request: an empty batch."
                : $"Invalid request: a batch may hold at most {_options.MaxBatchSize} messages.").ConfigureAwait(false);
            return;
        }

        if (items.Any(i => i.Message is { Method: McpMethods.Initialize }))
        {
            await RejectAsync(context, McpRejection.InitializeInBatch).ConfigureAwait(false);
            return;
        }

        session!.BeginRequest();
        try
        {
            List<McpOutgoingMessage> errors = [];
            List<JsonRpcMessage> requests = [];
            foreach (JsonRpcParseResult item in items)
            {
                if (!item.IsOk)
                {
                    errors.Add(McpOutgoingMessage.Rejection(item.Id, McpRejection.InvalidRequest, "Invalid request: " + item.Detail));
                }
                else if (item.Message!.IsRequest)
                {
                    requests.Add(item.Message);
                }
                else
                {
                    await session.Core.HandleAsync(item.Message, null, _server.Services, CancellationToken.None).ConfigureAwait(false);
                }
            }

            if (requests.Count == 0 && errors.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            }

            await HandleRequestsAsync(context, session, requests, errors).ConfigureAwait(false);
        }
        finally
        {
            session.EndRequest();
        }
    }

    /// <summary>
    /// Runs requests and answers them: as JSON when the handlers finish without sending anything first (the common,
    /// cheapest case), otherwise as an SSE stream that can outlive this connection.
    /// </summary>
    private async Task HandleRequestsAsync(HttpContext context, McpHttpSession session, List<JsonRpcMessage> requests, List<McpOutgoingMessage>? batchErrors)
    {
        var exchange = new PostExchange(_options.MaxQueuedMessagesPerStream, session.SupportsPolling, _server.Governor);

        // Not disposed on purpose: a stream's orphan timer may still cancel it after this method returns.
        var handlerCts = new CancellationTokenSource();
        Task<McpOutgoingMessage?[]> all;
        if (batchErrors is null)
        {
            ValueTask<McpOutgoingMessage?> single = DispatchAsync(session, requests[0], exchange, handlerCts.Token);
            if (single.IsCompletedSuccessfully && !exchange.HasQueued)
            {
                exchange.Complete();
                await WriteResponseAsync(context, single.Result).ConfigureAwait(false);
                return;
            }

            all = CompleteExchangeWhenDone(WrapSingle(single), exchange);
        }
        else
        {
            all = CompleteExchangeWhenDone(Task.WhenAll(requests.Select(r => DispatchAsync(session, r, exchange, handlerCts.Token).AsTask())), exchange);
        }

        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration registration = context.RequestAborted.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), aborted);
        Task itemReady = exchange.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
        await Task.WhenAny(all, itemReady, aborted.Task).ConfigureAwait(false);

        if (aborted.Task.IsCompleted)
        {
            // Gone before any event id was issued: the result can never be delivered, so the work stops now.
            SafeCancel(handlerCts);
            session.Track(DrainDetachedAsync(exchange, all));
            return;
        }

        if (all.IsCompleted && !exchange.HasQueued)
        {
            McpOutgoingMessage?[] responses = await all.ConfigureAwait(false);
            if (batchErrors is null)
            {
                await WriteResponseAsync(context, responses[0]).ConfigureAwait(false);
            }
            else
            {
                await WriteJsonAsync(context, McpOutgoingMessage.Batch([.. batchErrors, .. responses.OfType<McpOutgoingMessage>()]), sessionId: null).ConfigureAwait(false);
            }

            return;
        }

        await StreamResponsesAsync(context, session, exchange, all, batchErrors, handlerCts, aborted.Task, batchErrors is null ? requests[0].Id : null).ConfigureAwait(false);
    }

    private async Task StreamResponsesAsync(HttpContext context, McpHttpSession session, PostExchange exchange, Task<McpOutgoingMessage?[]> all, List<McpOutgoingMessage>? batchErrors, CancellationTokenSource handlerCts, Task aborted, RequestId? requestId)
    {
        McpLease? lease = _server.Governor.TryLease(McpBudget.PostStreams);
        if (lease is null)
        {
            // No room for another stream: the work stops, and the client is told to come back later.
            SafeCancel(handlerCts);
            session.Track(DrainDetachedAsync(exchange, all));
            await RejectAsync(context, McpRejection.TooManyStreams, requestId).ConfigureAwait(false);
            return;
        }

        SseStream stream = session.CreatePostStream(() => SafeCancel(handlerCts));
        var connection = new SseConnection(context, session.TimeProvider, _options.WriteTimeout, _server.Governor);
        await using ConfiguredAsyncDisposable ownedConnection = connection.ConfigureAwait(false);
        try
        {
            if (await connection.StartAsync(sessionId: null).ConfigureAwait(false))
            {
                await stream.AttachAsync(connection, afterSequence: null).ConfigureAwait(false);
                await CloseIfDrainingAsync(stream).ConfigureAwait(false);
            }
            else
            {
                // Gone before the first event id reached the client: nothing can be resumed, so the work stops now.
                SafeCancel(handlerCts);
            }

            session.Track(PumpPostStreamAsync(session, stream, exchange, all, batchErrors));
            await Task.WhenAny(connection.Done, aborted).ConfigureAwait(false);
            if (!connection.Done.IsCompleted)
            {
                McpHttpLog.ClientDisconnected(_logger, stream.Id, session.Id);
                await stream.DetachAsync(connection, McpEndReason.ClientGone).ConfigureAwait(false);
            }

            KeepOrStopDetachedWork(session, stream, all, handlerCts);
        }
        finally
        {
            lease.End(connection.EndReason ?? McpEndReason.ClientGone);
        }
    }

    /// <summary>
    /// The handler outlives its connection (client gone, stream closed for polling, write timeout): it may go on for the
    /// resume window under a detached-work lease, so its result can be replayed; without resumability or room, it stops.
    /// </summary>
    private void KeepOrStopDetachedWork(McpHttpSession session, SseStream stream, Task all, CancellationTokenSource handlerCts)
    {
        if (all.IsCompleted || stream.HasConnection)
        {
            return;
        }

        if (!session.IsResumable || _server.Governor.TryLease(McpBudget.DetachedHandlers) is not { } detached)
        {
            SafeCancel(handlerCts);
            return;
        }

        session.Track(EndWhenDoneAsync(all, detached, handlerCts));
    }

    private static async Task EndWhenDoneAsync(Task all, McpLease lease, CancellationTokenSource handlerCts)
    {
        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lease.End(handlerCts.IsCancellationRequested ? McpEndReason.ClientGone : McpEndReason.Completed);
    }

    private async Task PumpPostStreamAsync(McpHttpSession session, SseStream stream, PostExchange exchange, Task<McpOutgoingMessage?[]> all, List<McpOutgoingMessage>? batchErrors)
    {
        try
        {
            await foreach (OutboundItem item in exchange.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (item.ReconnectAfter is { } retry)
                {
                    await stream.CloseForReconnectAsync(retry).ConfigureAwait(false);
                }
                else
                {
                    await stream.WriteMessageAsync(item.Message!).ConfigureAwait(false);
                }
            }

            foreach (McpOutgoingMessage error in batchErrors ?? [])
            {
                await stream.WriteMessageAsync(error).ConfigureAwait(false);
            }

            foreach (McpOutgoingMessage? response in await all.ConfigureAwait(false))
            {
                if (response is not null)
                {
                    await stream.WriteMessageAsync(response).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            McpHttpLog.StreamFailed(_logger, ex, stream.Id, session.Id);
        }
        finally
        {
            await stream.CompleteAsync().ConfigureAwait(false);
            session.RemoveStream(stream);
        }
    }

    private async ValueTask<McpOutgoingMessage?> DispatchAsync(McpHttpSession session, JsonRpcMessage message, PostExchange exchange, CancellationToken cancellationToken)
    {
        // A scope of our own: the handler may outlive the HTTP request (resumable streams), and with it its services.
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        try
        {
            return await session.Core.HandleAsync(message, exchange, scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<McpOutgoingMessage?[]> WrapSingle(ValueTask<McpOutgoingMessage?> single) => [await single.ConfigureAwait(false)];

    private static async Task<McpOutgoingMessage?[]> CompleteExchangeWhenDone(Task<McpOutgoingMessage?[]> all, PostExchange exchange)
    {
        try
        {
            return await all.ConfigureAwait(false);
        }
        finally
        {
            exchange.Complete();
        }
    }

    private static async Task DrainDetachedAsync(PostExchange exchange, Task all)
    {
        // Nobody will read these messages; draining keeps handlers that still send from blocking on a full queue.
        await foreach (OutboundItem _ in exchange.Reader.ReadAllAsync().ConfigureAwait(false))
        {
        }

        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Task WriteResponseAsync(HttpContext context, McpOutgoingMessage? response)
    {
        if (response is null)
        {
            // The client cancelled the request: it gets no JSON-RPC response (spec SHOULD), only the HTTP answer.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        }

        return WriteJsonAsync(context, response, sessionId: null);
    }

    private Task RejectParseAsync(HttpContext context, JsonRpcParseResult parsed)
    {
        // Under a modern version header the answer follows 2026-07-28: an id that cannot be known is left out, not null.
        bool modern = IsModern(context.Request, meta: null);
        return parsed.Status == JsonRpcParseStatus.InvalidJson
            ? RejectAsync(context, McpRejection.ParseError, parsed.Id, "Parse error: " + parsed.Detail, modern)
            : RejectAsync(context, McpRejection.InvalidRequest, parsed.Id, "Invalid request: " + parsed.Detail, modern);
    }

    /// <summary>
    /// A connection that attached while the server began draining may have been missed by the drain's sweep of open
    /// streams (the drain sets its flag first, then closes what is attached): it closes itself the same way.
    /// </summary>
    private async ValueTask CloseIfDrainingAsync(SseStream stream)
    {
        if (_sessions.IsDraining)
        {
            await stream.CloseForReconnectAsync(_options.SseRetryInterval, McpEndReason.Shutdown).ConfigureAwait(false);
        }
    }

    private static void SafeCancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (AggregateException)
        {
            // A cancellation callback threw; the handler's own code reports its failures.
        }
    }

    private static bool IsDisconnect(Exception ex, HttpContext context) =>
        ex is ConnectionResetException or IOException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested);
}
