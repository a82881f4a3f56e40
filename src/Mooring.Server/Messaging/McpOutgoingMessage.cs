using System.Buffers;
using System.Text.Json.Serialization.Metadata;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// A message on its way to the client, kept as a value plus its source-generated metadata until a transport writes
/// it: straight into an HTTP response's <see cref="System.IO.Pipelines.PipeWriter"/>, an SSE event or a stdio line,
/// with no intermediate copy on the common path.
/// </summary>
public abstract class McpOutgoingMessage
{
    private protected McpOutgoingMessage()
    {
    }

    /// <summary>What the message is.</summary>
    public abstract McpOutgoingKind Kind { get; }

    /// <summary>The id of a response or server request; null for notifications.</summary>
    public abstract RequestId? Id { get; }

    /// <summary>
    /// The HTTP status a transport should use when this message is the whole answer to a POST (200 for results and
    /// method-level errors, 4xx for message-level rejections).
    /// </summary>
    public virtual int HttpStatus => 200;

    /// <summary>Writes the JSON-RPC message as compact UTF-8 JSON (no newlines, so it fits an SSE data line or a stdio line).</summary>
    public abstract void WriteTo(IBufferWriter<byte> output);

    /// <summary>Serializes the message to a new array.</summary>
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A result response.</summary>
    public static McpOutgoingMessage Result<T>(RequestId id, T result, JsonTypeInfo<T> typeInfo) => new ResultMessage<T>(id, result, typeInfo);

    /// <summary>An error response with an explicit code and client-safe message.</summary>
    public static McpOutgoingMessage Error(RequestId? id, int code, string message, int httpStatus = 200) => new ErrorMessage(id, code, message, httpStatus, null);

    /// <summary>An error response with structured <c>data</c>.</summary>
    public static McpOutgoingMessage Error(RequestId? id, int code, string message, byte[] dataJson, int httpStatus = 200) => new ErrorMessage(id, code, message, httpStatus, dataJson);

    /// <summary>An error response for a mapped rejection; <paramref name="detail"/> (client-safe) replaces the generic message.</summary>
    public static McpOutgoingMessage Rejection(RequestId? id, McpRejection rejection, string? detail = null)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);
        return new ErrorMessage(id, info.Code, detail ?? info.Message, info.HttpStatus, null);
    }

    /// <summary>An error response for a mapped rejection with structured <c>data</c> (for example the supported versions of <c>-32022</c>).</summary>
    public static McpOutgoingMessage Rejection<TData>(RequestId? id, McpRejection rejection, TData data, JsonTypeInfo<TData> dataType, string? detail = null)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);
        return new ErrorMessage(id, info.Code, detail ?? info.Message, info.HttpStatus, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, dataType));
    }

    /// <summary>A notification; a null <paramref name="typeInfo"/> omits params.</summary>
    public static McpOutgoingMessage Notification<T>(string method, T parameters, JsonTypeInfo<T>? typeInfo) => new NotificationMessage<T>(method, parameters, typeInfo);

    /// <summary>A server-to-client request.</summary>
    public static McpOutgoingMessage Request<T>(RequestId id, string method, T parameters, JsonTypeInfo<T> typeInfo) => new RequestMessage<T>(id, method, parameters, typeInfo);

    /// <summary>Several responses written as one JSON array: the answer to a 2025-03-26 batch.</summary>
    public static McpOutgoingMessage Batch(IReadOnlyList<McpOutgoingMessage> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return new BatchMessage(responses);
    }

    private sealed class BatchMessage(IReadOnlyList<McpOutgoingMessage> responses) : McpOutgoingMessage
    {
        public override McpOutgoingKind Kind => McpOutgoingKind.Response;

        public override RequestId? Id => null;

        public override void WriteTo(IBufferWriter<byte> output)
        {
            output.Write("["u8);
            for (int i = 0; i < responses.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(","u8);
                }

                responses[i].WriteTo(output);
            }

            output.Write("]"u8);
        }
    }

    private sealed class ResultMessage<T>(RequestId id, T result, JsonTypeInfo<T> typeInfo) : McpOutgoingMessage
    {
        public override McpOutgoingKind Kind => McpOutgoingKind.Response;

        public override RequestId? Id => id;

        public override void WriteTo(IBufferWriter<byte> output) => JsonRpcWriter.WriteResult(output, id, result, typeInfo);
    }

    /// <summary>
    /// This message as the modern era writes it: an error whose id is unknown leaves the id out rather than sending
    /// null (2026-07-28 types the id as a string or integer). Other messages are unchanged.
    /// </summary>
    public virtual McpOutgoingMessage ForModern() => this;

    private sealed class ErrorMessage(RequestId? id, int code, string message, int httpStatus, byte[]? data, bool omitUnknownId = false) : McpOutgoingMessage
    {
        public override McpOutgoingKind Kind => McpOutgoingKind.Response;

        public override RequestId? Id => id;

        public override int HttpStatus => httpStatus;

        public override McpOutgoingMessage ForModern() => id is null && !omitUnknownId ? new ErrorMessage(id, code, message, httpStatus, data, omitUnknownId: true) : this;

        public override void WriteTo(IBufferWriter<byte> output) => JsonRpcWriter.WriteError(output, id, code, message, data, omitUnknownId);
    }

    private sealed class NotificationMessage<T>(string method, T parameters, JsonTypeInfo<T>? typeInfo) : McpOutgoingMessage
    {
        public override McpOutgoingKind Kind => McpOutgoingKind.Notification;

        public override RequestId? Id => null;

        public override void WriteTo(IBufferWriter<byte> output) => JsonRpcWriter.WriteNotification(output, method, parameters, typeInfo);
    }

    private sealed class RequestMessage<T>(RequestId id, string method, T parameters, JsonTypeInfo<T> typeInfo) : McpOutgoingMessage
    {
        public override McpOutgoingKind Kind => McpOutgoingKind.Request;

        public override RequestId? Id => id;

        public override void WriteTo(IBufferWriter<byte> output) => JsonRpcWriter.WriteRequest(output, id, method, parameters, typeInfo);
    }
}
