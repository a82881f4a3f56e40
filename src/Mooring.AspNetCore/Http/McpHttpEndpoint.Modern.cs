using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Modern (2026-07-28) requests on the same endpoint: a POST whose params carry <c>_meta</c> with a protocol version,
/// or whose <c>MCP-Protocol-Version</c> header names a revision after the legacy era, is served statelessly: checked
/// in the spec's order (version header, <c>_meta</c>, header against body, served version, method headers, known
/// method), then dispatched with no session. The answer is JSON, or an SSE stream without event ids once the handler
/// sends a notification; closing that stream cancels the handler. No <c>MCP-Session-Id</c> is ever sent.
/// </summary>
internal sealed partial class McpHttpEndpoint
{
    /// <summary>True when this single message belongs to the modern era (see the type's summary).</summary>
    private static bool IsModern(HttpRequest request, RequestMeta? meta)
    {
        if (meta?.ProtocolVersion is not null)
        {
            return true;
        }

        StringValues header = request.Headers[McpHttpHeaders.ProtocolVersion];
        return header.Count > 0 && !McpProtocolVersions.IsLegacyEra(header[0]);
    }

    /// <summary>
    /// Reads <c>params._meta</c> without reading the rest of the params. A missing or malformed <c>_meta</c> gives
    /// null (a modern request then fails its <c>_meta</c> check with -32602).
    /// </summary>
    private static RequestMeta? ReadMeta(ReadOnlyMemory<byte> parameters)
    {
        if (parameters.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(parameters.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isMeta = reader.ValueTextEquals("_meta"u8);
                reader.Read();
                if (isMeta)
                {
                    return reader.TokenType == JsonTokenType.StartObject ? JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.RequestMeta) : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A _meta of the wrong shape (a version that is not a string, an unknown log level): treated as absent.
        }

        return null;
    }

    /// <summary>
    /// Checks and serves one modern request. A valid <c>subscriptions/listen</c> is not served here but returned, so
    /// that the caller holds its stream once the request body and the parsed message are let go (see
    /// <see cref="ListenAsync"/>); every other outcome is written here and gives null.
    /// </summary>
    private async Task<ListenRequest?> HandleModernAsync(HttpContext context, JsonRpcMessage message, RequestMeta? meta)
    {
        RequestId? id = message.Id;
        StringValues versionHeader = context.Request.Headers[McpHttpHeaders.ProtocolVersion];
        if (versionHeader.Count != 1 || string.IsNullOrEmpty(versionHeader[0]))
        {
            await RejectAsync(context, McpRejection.HeaderMismatch, id, "Header mismatch: the MCP-Protocol-Version header is required.", modern: true).ConfigureAwait(false);
            return null;
        }

        if (meta?.ProtocolVersion is not { } version || meta.ClientCapabilities is null)
        {
            await RejectAsync(context, McpRejection.InvalidRequestMeta, id, modern: true).ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(versionHeader[0], version, StringComparison.Ordinal))
        {
            await RejectAsync(context, McpRejection.HeaderMismatch, id, "Header mismatch: MCP-Protocol-Version does not match _meta's protocolVersion.", modern: true).ConfigureAwait(false);
            return null;
        }

        string method = message.Method!;
        if (McpProtocolVersions.IsSupportedModern(version))
        {
            McpHeaderValidationResult headers = McpRequestHeaderValidator.ValidateRequest(context.Request.Headers, method, message.Params.Span, _server.Tools);
            if (!headers.IsValid)
            {
                await RejectAsync(context, McpRejection.HeaderMismatch, id, headers.Message, modern: true).ConfigureAwait(false);
                return null;
            }
        }

        if (!message.IsRequest)
        {
            // The modern era defines no client notification over HTTP: accepted and ignored (spec: 202, no body).
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return null;
        }

        if (_server.ValidateModernRequest(id!.Value, method, meta) is { } rejected)
        {
            McpHttpLog.Rejected(_logger, context.Request.Method, context.Request.Path, McpRejection.InvalidRequestMeta);
            await WriteJsonAsync(context, rejected, sessionId: null).ConfigureAwait(false);
            return null;
        }

        if (_sessions.IsDraining)
        {
            await RejectAsync(context, McpRejection.Draining, id).ConfigureAwait(false);
            return null;
        }

        if (method == McpMethods.SubscriptionsListen)
        {
            if (McpSubscriptionHub.ReadFilter(message.Params) is { } filter)
            {
                return new ListenRequest(id.Value, filter);
            }

            await RejectAsync(context, McpRejection.InvalidParams, id, "Invalid params: subscriptions/listen needs a notifications filter.").ConfigureAwait(false);
            return null;
        }

        await RunModernAsync(context, message, meta).ConfigureAwait(false);
        return null;
    }

    private async Task RunModernAsync(HttpContext context, JsonRpcMessage message, RequestMeta meta)
    {
        var exchange = new PostExchange(_options.MaxQueuedMessagesPerStream, canReconnect: false, _server.Governor);
        string principal = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : string.Empty;
        // The handler stops when the client closes the stream, or when the server cannot give it one.
        using var handlerCts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        Task<McpOutgoingMessage> run = RunModernHandlerAsync(message, meta, exchange, principal, handlerCts.Token);
        if (run.IsCompletedSuccessfully && !exchange.HasQueued)
        {
            await WriteJsonAsync(context, run.Result, sessionId: null).ConfigureAwait(false);
            return;
        }

        Task itemReady = exchange.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
        await Task.WhenAny(run, itemReady).ConfigureAwait(false);
        if (run.IsCompleted && !exchange.HasQueued)
        {
            await WriteJsonAsync(context, await run.ConfigureAwait(false), sessionId: null).ConfigureAwait(false);
            return;
        }

        using McpLease? lease = _server.Governor.TryLease(McpBudget.PostStreams);
        if (lease is null)
        {
            // No room for another stream, and nothing was sent yet: the work stops and the client is told to come back.
            await handlerCts.CancelAsync().ConfigureAwait(false);
            await DrainDetachedAsync(exchange, run).ConfigureAwait(false);
            await RejectAsync(context, McpRejection.TooManyStreams, message.Id, modern: true).ConfigureAwait(false);
            return;
        }

        var connection = new SseConnection(context, _time, _options.WriteTimeout, _server.Governor);
        await using ConfiguredAsyncDisposable ownedConnection = connection.ConfigureAwait(false);
        McpEndReason reason = McpEndReason.ClientGone;
        try
        {
            if (await connection.StartAsync(sessionId: null).ConfigureAwait(false))
            {
                reason = await PumpModernStreamAsync(connection, exchange, run).ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever happened to the stream, nothing waits on the queue any more, and the handler is done before the lease ends.
            await DrainDetachedAsync(exchange, run).ConfigureAwait(false);
            lease.End(connection.EndReason ?? reason);
        }
    }

    private static async Task<McpEndReason> PumpModernStreamAsync(SseConnection connection, PostExchange exchange, Task<McpOutgoingMessage> run)
    {
        await foreach (OutboundItem item in exchange.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.Message is { } notification && !await WriteEventAsync(connection, notification).ConfigureAwait(false))
            {
                return McpEndReason.ClientGone;
            }
        }

        McpOutgoingMessage response = await run.ConfigureAwait(false);
        return await WriteEventAsync(connection, response).ConfigureAwait(false)
            ? McpEndReason.Completed
            : McpEndReason.ClientGone;
    }

    private async Task<McpOutgoingMessage> RunModernHandlerAsync(JsonRpcMessage message, RequestMeta meta, PostExchange exchange, string principal, CancellationToken aborted)
    {
        AsyncServiceScope scope = _scopes.CreateAsyncScope();
        try
        {
            return await _server.HandleModernAsync(message, meta, exchange, scope.ServiceProvider, principal, aborted).ConfigureAwait(false);
        }
        finally
        {
            exchange.Complete();
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }
}
