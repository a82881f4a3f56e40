using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server.Stdio;

/// <summary>
/// Modern (2026-07-28) requests over stdio. The spec's dual-era rule, per message: "A request carrying modern
/// per-request <c>_meta</c> is served statelessly according to this revision. An <c>initialize</c> request selects
/// legacy semantics, scoped to the stdio process" (basic/versioning.mdx), and "A dual-era server MAY serve both eras
/// concurrently on the same endpoint or process". So a request tagged with <c>_meta</c>'s protocol version is modern
/// before, after and alongside a legacy <c>initialize</c>: a legacy client never sends that key, so serving it modern
/// cannot change what the legacy session sees. A modern-tagged <c>initialize</c> is a modern request for a method the
/// revision removed: <c>-32601</c>, and it opens no session (HTTP classifies it the same way).
/// </summary>
/// <remarks>
/// There is no header layer on stdio, so only the core's checks apply (<c>-32602</c> for <c>_meta</c>, <c>-32022</c>
/// for the version, <c>-32601</c> for removed or unknown methods). Each request runs concurrently under the
/// governor's handler budget, gets no server-to-client requests (input needs come back as <c>input_required</c>), and
/// is cancelled by <c>notifications/cancelled</c>, after which nothing more is written for it.
/// </remarks>
internal sealed partial class McpStdioTransport
{
    /// <summary>
    /// True when <paramref name="parameters"/> has a <c>_meta</c> object holding the protocol version key: the request
    /// is modern. <paramref name="meta"/> is then the parsed <c>_meta</c>, or null when it does not parse (wrong types),
    /// which the core answers with <c>-32602</c>. HTTP also reads a header; stdio has only this.
    /// </summary>
    private static bool TryReadModernMeta(ReadOnlyMemory<byte> parameters, out RequestMeta? meta)
    {
        meta = null;
        if (parameters.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(parameters.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isMeta = reader.ValueTextEquals("_meta"u8);
                reader.Read();
                if (!isMeta)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject || !HasProtocolVersion(reader))
                {
                    return false;
                }

                try
                {
                    meta = JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.RequestMeta);
                }
                catch (JsonException)
                {
                    // A modern request whose _meta has the wrong shape (a version that is not a string, an unknown
                    // log level): still modern, and rejected as such.
                    meta = null;
                }

                return true;
            }
        }
        catch (JsonException)
        {
            // The reader parsed this line already, so this is unreachable in practice; such params are not modern.
        }

        return false;
    }

    // Scans one level of the _meta object on a copy of the reader (a struct), leaving the caller's position alone.
    private static bool HasProtocolVersion(Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(McpMetaKeys.ProtocolVersion))
            {
                return true;
            }

            reader.Read();
            reader.Skip();
        }

        return false;
    }

    private void ProcessModern(ChannelMessageSink sink, JsonRpcMessage message, RequestMeta? meta)
    {
        if (!message.IsRequest)
        {
            // The one client notification of the modern era on stdio, the cancellation, was handled before; others
            // are ignored (JSON-RPC forbids answering a notification).
            return;
        }

        RequestId id = message.Id!.Value;
        string method = message.Method!;
        if (_server.ValidateModernRequest(id, method, meta) is { } rejected)
        {
            Reply(sink, rejected);
            return;
        }

        // Registered here, on the reader thread, so a cancellation on the very next line finds it.
        var request = new StdioModernRequest(id, sink);
        if (!_modern.TryAdd(id, request))
        {
            Reply(sink, McpOutgoingMessage.Rejection(id, McpRejection.DuplicateRequestId));
            return;
        }

        Track(method == McpMethods.SubscriptionsListen
            ? Task.Run(() => ListenAsync(sink, request, message))
            : Task.Run(() => RunModernAsync(sink, request, message, meta!)));
    }

    /// <summary>Cancels the modern request <c>notifications/cancelled</c> names; false when it names none in flight.</summary>
    private bool TryCancelModern(ReadOnlyMemory<byte> parameters)
    {
        if (_modern.IsEmpty || !TryReadCancelled(parameters, out RequestId target) || !_modern.TryGetValue(target, out StdioModernRequest? request))
        {
            return false;
        }

        if (request.CancelByClient())
        {
            StdioLog.ModernRequestCancelled(_logger, target);
        }

        return true;
    }

    private static bool TryReadCancelled(ReadOnlyMemory<byte> parameters, out RequestId target)
    {
        target = default;
        if (parameters.IsEmpty)
        {
            return false;
        }

        try
        {
            // Malformed cancellations are ignored, as the spec asks.
            if (JsonSerializer.Deserialize(parameters.Span, McpJsonContext.Default.CancelledNotificationParams)?.RequestId is { } id)
            {
                target = id;
                return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private async Task RunModernAsync(ChannelMessageSink sink, StdioModernRequest request, JsonRpcMessage message, RequestMeta meta)
    {
        try
        {
            McpOutgoingMessage response;
            AsyncServiceScope scope = _scopes.CreateAsyncScope();
            try
            {
                // stdio has no authentication: the principal that binds requestState is the process's one client.
                response = await _server.HandleModernAsync(message, meta, request, scope.ServiceProvider, principal: string.Empty, request.Cancelled).ConfigureAwait(false);
            }
            finally
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }

            // A request the client cancelled gets no response (its handler's "cancelled" outcome included).
            await FinishAsync(sink, request, response).ConfigureAwait(false);
        }
        finally
        {
            _modern.TryRemove(new KeyValuePair<RequestId, StdioModernRequest>(request.Id, request));
        }
    }
}
