using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// The MCP endpoint: one path, POST for messages, GET for the session stream and resumption, DELETE to end a
/// session. Gatekeeping runs first; rejections go through <see cref="McpRejections"/>; client disconnects are
/// normal outcomes, never errors.
/// </summary>
internal sealed partial class McpHttpEndpoint
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly McpServer _server;
    private readonly McpHttpSessionManager _sessions;
    private readonly McpHttpOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public McpHttpEndpoint(McpServer server, McpHttpSessionManager sessions, IOptions<McpHttpOptions> options, IServiceScopeFactory scopes, ILogger<McpHttpEndpoint> logger, TimeProvider? timeProvider = null)
    {
        _server = server;
        _sessions = sessions;
        _options = options.Value;
        _scopes = scopes;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public Task HandleAsync(HttpContext context)
    {
        McpRejection? rejection = McpRequestGate.CheckHostAndOrigin(context.Request, _options);
        if (rejection is not null)
        {
            return RejectAsync(context, rejection.Value);
        }

        string method = context.Request.Method;
        return HttpMethods.IsPost(method) ? HandlePostAsync(context)
            : HttpMethods.IsGet(method) ? HandleGetAsync(context)
            : HttpMethods.IsDelete(method) ? HandleDeleteAsync(context)
            : RejectAsync(context, McpRejection.MethodNotAllowed);
    }

    private async Task HandleDeleteAsync(HttpContext context)
    {
        if (!_options.AllowClientSessionTermination)
        {
            await RejectAsync(context, McpRejection.MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        McpRejection? rejection = McpRequestGate.CheckProtocolVersion(context.Request);
        string? sessionId = context.Request.Headers[McpHttpHeaders.SessionId];
        if (rejection is null && string.IsNullOrEmpty(sessionId))
        {
            rejection = McpRejection.SessionRequired;
        }

        if (rejection is not null)
        {
            await RejectAsync(context, rejection.Value).ConfigureAwait(false);
            return;
        }

        if (!await _sessions.EndAsync(sessionId!, McpEndReason.Deleted).ConfigureAwait(false))
        {
            await RejectAsync(context, McpRejection.SessionNotFound).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Looks up the session named by the request, or explains why there is none.</summary>
    private McpRejection? FindSession(HttpContext context, out McpHttpSession? session)
    {
        session = null;
        string? sessionId = context.Request.Headers[McpHttpHeaders.SessionId];
        if (string.IsNullOrEmpty(sessionId))
        {
            return McpRejection.SessionRequired;
        }

        return _sessions.TryGet(sessionId, out session) && !session!.IsDisposed ? null : McpRejection.SessionNotFound;
    }

    private Task RejectAsync(HttpContext context, McpRejection rejection, RequestId? id = null, string? detail = null, bool modern = false)
    {
        McpHttpLog.Rejected(_logger, context.Request.Method, context.Request.Path, rejection);
        if (rejection == McpRejection.MethodNotAllowed)
        {
            context.Response.Headers.Allow = _options.AllowClientSessionTermination ? "GET, POST, DELETE" : "GET, POST";
        }

        McpOutgoingMessage message = McpOutgoingMessage.Rejection(id, rejection, detail);
        return WriteJsonAsync(context, modern ? message.ForModern() : message, sessionId: null);
    }

    /// <summary>Writes one message as an <c>application/json</c> body with a Content-Length.</summary>
    private async Task WriteJsonAsync(HttpContext context, McpOutgoingMessage message, string? sessionId)
    {
        HttpResponse response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = message.HttpStatus;
        if (message.HttpStatus == StatusCodes.Status503ServiceUnavailable)
        {
            // Capacity refusals are temporary: tell the client when to try again.
            response.Headers.RetryAfter = "1";
        }

        if (sessionId is not null)
        {
            response.Headers[McpHttpHeaders.SessionId] = sessionId;
        }

        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        try
        {
            message.WriteTo(buffer);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // A result that cannot be serialized (a handler built an invalid value) is a server bug: log it, answer 500's
            // JSON-RPC equivalent, and never send half a message.
            buffer.ResetWrittenCount();
            McpHttpLog.ResponseSerializationFailed(_logger, ex);
            McpOutgoingMessage.Rejection(message.Id, McpRejection.InternalError).WriteTo(buffer);
            response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        await WriteBufferedJsonAsync(context, buffer).ConfigureAwait(false);
    }

    private async Task WriteBufferedJsonAsync(HttpContext context, ArrayBufferWriter<byte> buffer)
    {
        HttpResponse response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;

        // Copy synchronously, then release the thread-static buffer before the first await.
        response.BodyWriter.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
        }

        ValueTask<System.IO.Pipelines.FlushResult> flush = response.BodyWriter.FlushAsync(context.RequestAborted);
        if (flush.IsCompletedSuccessfully)
        {
            return;
        }

        // The client is not keeping up: the answer must be taken within the write timeout, or the connection goes.
        // (Kestrel's minimum data rate would allow a 1 MB answer over an hour.) Only this slow path pays for a timer.
        long pending = response.ContentLength ?? 0;
        _server.Governor.AddUnflushedBytes(pending);
        try
        {
            await flush.AsTask().WaitAsync(_options.WriteTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            McpHttpLog.WriteTimedOut(_logger, context.Request.Path);
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client left before reading its answer: not an error.
        }
        catch (IOException)
        {
            // The client reset the connection while the answer was being sent: not an error.
        }
        finally
        {
            _server.Governor.AddUnflushedBytes(-pending);
        }
    }

    /// <summary>Reads the whole body into a pooled array, enforcing the size limit.</summary>
    private async ValueTask<(byte[]? Buffer, int Length, McpRejection? Rejection)> ReadBodyAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        long max = _options.MaxRequestBodySize;
        if (request.ContentLength > max)
        {
            return (null, 0, McpRejection.BodyTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && (limit.MaxRequestBodySize ?? long.MaxValue) < max)
        {
            limit.MaxRequestBodySize = max;
        }

        PipeReader reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                return (null, 0, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? McpRejection.BodyTooLarge : McpRejection.ParseError);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length > max)
            {
                reader.AdvanceTo(buffer.End);
                return (null, 0, McpRejection.BodyTooLarge);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                int length = (int)buffer.Length;
                byte[] array = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(array);
                reader.AdvanceTo(buffer.End);
                return (array, length, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
