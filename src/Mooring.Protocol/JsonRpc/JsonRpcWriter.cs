using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mooring.Protocol;

/// <summary>
/// Writes JSON-RPC 2.0 envelopes straight into an <see cref="IBufferWriter{T}"/>. The payload is serialized with
/// source-generated metadata, so the envelope never goes through reflection or an intermediate DOM.
/// </summary>
public static class JsonRpcWriter
{
    // Relaxed escaping: MCP messages travel as application/json, SSE data or stdio lines, never inside HTML, so only
    // what JSON itself requires (quotes, backslashes, control characters) needs escaping.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // A cached writer is reset onto this sink when returned, so it never keeps a caller's buffer alive.
    private static readonly ArrayBufferWriter<byte> DetachedSink = new(1);

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":…,"result":…}</c>.</summary>
    public static void WriteResult<T>(IBufferWriter<byte> output, RequestId id, T result, JsonTypeInfo<T> typeInfo)
    {
        Utf8JsonWriter writer = Rent(output);
        try
        {
            WriteStart(writer, id);
            writer.WritePropertyName("result"u8);

            // Only with the default metadata: a caller's own options or converters must be honoured.
            if (result is CallToolResult toolResult && ReferenceEquals(typeInfo, McpJsonContext.Default.CallToolResult) && CallToolResultWriter.CanWrite(toolResult))
            {
                CallToolResultWriter.Write(writer, toolResult);
            }
            else
            {
                JsonSerializer.Serialize(writer, result, typeInfo);
            }

            writer.WriteEndObject();
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>Writes a result whose value is already serialized JSON.</summary>
    public static void WriteRawResult(IBufferWriter<byte> output, RequestId id, ReadOnlySpan<byte> resultJson)
    {
        Utf8JsonWriter writer = Rent(output);
        try
        {
            WriteStart(writer, id);
            writer.WritePropertyName("result"u8);
            writer.WriteRawValue(resultJson, skipInputValidation: true);
            writer.WriteEndObject();
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>
    /// Writes <c>{"jsonrpc":"2.0","id":…|null,"error":{"code":…,"message":…,"data":…}}</c>. With
    /// <paramref name="omitUnknownId"/>, an unknown id is left out instead of written as null, as 2026-07-28 requires
    /// (its error id is optional and never null).
    /// </summary>
    public static void WriteError(IBufferWriter<byte> output, RequestId? id, int code, string message, ReadOnlySpan<byte> dataJson = default, bool omitUnknownId = false)
    {
        Utf8JsonWriter writer = Rent(output);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            if (id is { } value)
            {
                writer.WritePropertyName("id"u8);
                value.WriteTo(writer);
            }
            else if (!omitUnknownId)
            {
                writer.WriteNull("id"u8);
            }

            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            if (!dataJson.IsEmpty)
            {
                writer.WritePropertyName("data"u8);
                writer.WriteRawValue(dataJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>Writes a request <c>{"jsonrpc":"2.0","id":…,"method":…,"params":…}</c>.</summary>
    public static void WriteRequest<T>(IBufferWriter<byte> output, RequestId id, string method, T parameters, JsonTypeInfo<T> typeInfo)
    {
        Utf8JsonWriter writer = Rent(output);
        try
        {
            WriteStart(writer, id);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(writer, parameters, typeInfo);
            writer.WriteEndObject();
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>Writes a notification <c>{"jsonrpc":"2.0","method":…,"params":…}</c>; <paramref name="typeInfo"/> null omits params.</summary>
    public static void WriteNotification<T>(IBufferWriter<byte> output, string method, T parameters, JsonTypeInfo<T>? typeInfo)
    {
        Utf8JsonWriter writer = Rent(output);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, method);
            if (typeInfo is not null)
            {
                writer.WritePropertyName("params"u8);
                JsonSerializer.Serialize(writer, parameters, typeInfo);
            }

            writer.WriteEndObject();
        }
        finally
        {
            Return(writer);
        }
    }

    // {"jsonrpc":"2.0","id":…  — the start every response and request shares.
    private static void WriteStart(Utf8JsonWriter writer, RequestId id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        id.WriteTo(writer);
    }

    private static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Utf8JsonWriter? writer = t_writer;
        if (writer is null)
        {
            return new Utf8JsonWriter(output, WriterOptions);
        }

        t_writer = null;
        writer.Reset(output);
        return writer;
    }

    private static void Return(Utf8JsonWriter writer)
    {
        writer.Flush();
        writer.Reset(DetachedSink);
        t_writer = writer;
    }
}
