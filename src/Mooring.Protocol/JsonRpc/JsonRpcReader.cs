using System.Text.Json;
using System.Text.Unicode;

namespace Mooring.Protocol;

/// <summary>
/// Parses JSON-RPC 2.0 messages straight from UTF-8 with <see cref="Utf8JsonReader"/>: no DOM, no per-message
/// document. Validation is strict (exact <c>"jsonrpc": "2.0"</c>, id shape, no duplicate members) because every
/// malformed message must get a precise error rather than a guess.
/// </summary>
public static class JsonRpcReader
{
    /// <summary>The default maximum JSON nesting depth accepted in a message (64: deep enough for any real schema, shallow enough to stop stack abuse).</summary>
    public const int DefaultMaxDepth = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The constant for the methods every session sends over and over, so reading them allocates no string (48 bytes
    /// for <c>tools/call</c>); any other method is read as usual. Dispatch compares by value, so both are the same to it.
    /// </summary>
    private static string? KnownMethod(ReadOnlySpan<byte> utf8) => utf8.Length switch
    {
        4 when utf8.SequenceEqual("ping"u8) => McpMethods.Ping,
        10 when utf8.SequenceEqual("tools/call"u8) => McpMethods.ToolsCall,
        10 when utf8.SequenceEqual("tools/list"u8) => McpMethods.ToolsList,
        10 when utf8.SequenceEqual("initialize"u8) => McpMethods.Initialize,
        11 when utf8.SequenceEqual("prompts/get"u8) => McpMethods.PromptsGet,
        14 when utf8.SequenceEqual("resources/read"u8) => McpMethods.ResourcesRead,
        22 when utf8.SequenceEqual("notifications/progress"u8) => McpMethods.NotificationProgress,
        23 when utf8.SequenceEqual("notifications/cancelled"u8) => McpMethods.NotificationCancelled,
        25 when utf8.SequenceEqual("notifications/initialized"u8) => McpMethods.NotificationInitialized,
        _ => null,
    };

    /// <summary>True when the payload's first significant character is <c>[</c> (a batch).</summary>
    public static bool IsBatch(ReadOnlySpan<byte> utf8)
    {
        utf8 = TrimStart(utf8);
        return utf8.Length > 0 && utf8[0] == (byte)'[';
    }

    /// <summary>Parses a payload that holds exactly one JSON-RPC message.</summary>
    public static JsonRpcParseResult Parse(ReadOnlyMemory<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        int offset = utf8.Span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        ReadOnlyMemory<byte> body = utf8[offset..];
        if (TrimStart(body.Span).IsEmpty)
        {
            // Checked up front: Utf8JsonReader throws on an empty final block rather than returning false.
            return Invalid(JsonRpcParseStatus.InvalidJson, "The body is empty.");
        }

        if (!Utf8.IsValid(body.Span))
        {
            // Utf8JsonReader checks UTF-8 only in the strings it decodes: invalid bytes in a skipped member or a raw
            // params slice would pass. JSON between systems must be UTF-8 (RFC 8259, 8.1), so the whole body is checked.
            return Invalid(JsonRpcParseStatus.InvalidJson, "The body is not valid UTF-8.");
        }

        // AllowMultipleValues lets a second top-level value be read (and reported as trailing data) instead of
        // making the reader throw a generic syntax error.
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowMultipleValues = true });
        try
        {
            if (!reader.Read())
            {
                return Invalid(JsonRpcParseStatus.InvalidJson, "The body is empty.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return SkipToEndThen(ref reader, JsonRpcParseStatus.InvalidMessage, "A JSON-RPC message must be a JSON object.");
            }

            JsonRpcParseResult result = ReadObject(ref reader, body);
            return reader.Read() ? Invalid(JsonRpcParseStatus.InvalidJson, "Unexpected data after the JSON value.") : result;
        }
        catch (JsonException)
        {
            return Invalid(JsonRpcParseStatus.InvalidJson, "The body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way.
            return Invalid(JsonRpcParseStatus.InvalidJson, "The body is not valid UTF-8 JSON.");
        }
    }

    /// <summary>
    /// Parses a JSON array of messages (a 2025-03-26 batch). Returns <see cref="JsonRpcParseStatus.Ok"/> with one
    /// result per element, or the reason the payload as a whole is unusable.
    /// </summary>
    public static JsonRpcParseStatus ParseBatch(ReadOnlyMemory<byte> utf8, out List<JsonRpcParseResult> items, int maxDepth = DefaultMaxDepth, int maxItems = 1000)
    {
        items = [];
        int offset = utf8.Span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        ReadOnlyMemory<byte> body = utf8[offset..];
        if (!Utf8.IsValid(body.Span))
        {
            return JsonRpcParseStatus.InvalidJson;
        }

        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return JsonRpcParseStatus.InvalidJson;
            }

            // Validate the whole document first, so a syntax error anywhere rejects the batch as a parse error.
            var probe = reader;
            probe.Skip();
            if (probe.Read())
            {
                return JsonRpcParseStatus.InvalidJson;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (items.Count == maxItems)
                {
                    return JsonRpcParseStatus.InvalidMessage;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    items.Add(Invalid(JsonRpcParseStatus.InvalidMessage, "A JSON-RPC message must be a JSON object."));
                    continue;
                }

                items.Add(ReadObject(ref reader, body));
            }

            return items.Count == 0 ? JsonRpcParseStatus.EmptyBatch : JsonRpcParseStatus.Ok;
        }
        catch (JsonException)
        {
            return JsonRpcParseStatus.InvalidJson;
        }
        catch (InvalidOperationException)
        {
            return JsonRpcParseStatus.InvalidJson;
        }
    }

    // Reads one object whose StartObject is the current token; leaves the reader on its EndObject.
    private static JsonRpcParseResult ReadObject(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        Fields seen = Fields.None;
        bool versionOk = false;
        string? method = null;
        RequestId? id = null;
        bool idIsNull = false;
        bool idInvalid = false;
        bool methodInvalid = false;
        ReadOnlyMemory<byte> parameters = default;
        ReadOnlyMemory<byte> result = default;
        bool errorInvalid = false;
        int errorCode = 0;
        string? errorMessage = null;
        ReadOnlyMemory<byte> errorData = default;
        string? duplicate = null;
        bool idAmbiguous = false;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            Fields field = reader.ValueTextEquals("jsonrpc"u8) ? Fields.JsonRpc
                : reader.ValueTextEquals("id"u8) ? Fields.Id
                : reader.ValueTextEquals("method"u8) ? Fields.Method
                : reader.ValueTextEquals("params"u8) ? Fields.Params
                : reader.ValueTextEquals("result"u8) ? Fields.Result
                : reader.ValueTextEquals("error"u8) ? Fields.Error
                : Fields.None;
            if (field != Fields.None && (seen & field) != 0)
            {
                duplicate ??= "A JSON-RPC message must not repeat a member.";

                // With two ids neither is reliably the request's: the error goes out with a null id.
                idAmbiguous |= field == Fields.Id;
            }

            seen |= field;
            reader.Read();
            switch (field)
            {
                case Fields.JsonRpc:
                    // Compared in place: the version is checked, never kept, so no string is made for it.
                    versionOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                    reader.Skip();
                    break;
                case Fields.Id:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        idIsNull = true;
                    }
                    else if (RequestId.TryRead(ref reader, out RequestId parsed))
                    {
                        id = parsed;
                    }
                    else
                    {
                        idInvalid = true;
                        reader.Skip();
                    }

                    break;
                case Fields.Method:
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        method = (reader.ValueIsEscaped || reader.HasValueSequence ? null : KnownMethod(reader.ValueSpan)) ?? reader.GetString();
                    }
                    else
                    {
                        methodInvalid = true;
                        reader.Skip();
                    }

                    break;
                case Fields.Params:
                    parameters = Slice(ref reader, body);
                    break;
                case Fields.Result:
                    result = Slice(ref reader, body);
                    break;
                case Fields.Error:
                    errorInvalid = !ReadError(ref reader, body, out errorCode, out errorMessage, out errorData);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (duplicate is not null)
        {
            return Invalid(JsonRpcParseStatus.InvalidMessage, duplicate, idAmbiguous ? null : id);
        }

        if (!versionOk)
        {
            return Invalid(JsonRpcParseStatus.InvalidMessage, "The 'jsonrpc' member must be exactly \"2.0\".", id);
        }

        if (idInvalid)
        {
            return Invalid(JsonRpcParseStatus.InvalidMessage, "The 'id' member must be a string or an integer.");
        }

        bool hasMethod = (seen & Fields.Method) != 0;
        bool hasResult = (seen & Fields.Result) != 0;
        bool hasError = (seen & Fields.Error) != 0;
        if (hasMethod)
        {
            if (methodInvalid || string.IsNullOrEmpty(method))
            {
                return Invalid(JsonRpcParseStatus.InvalidMessage, "The 'method' member must be a non-empty string.", id);
            }

            if (hasResult || hasError)
            {
                return Invalid(JsonRpcParseStatus.InvalidMessage, "A request must not carry 'result' or 'error'.", id);
            }

            if (idIsNull)
            {
                return Invalid(JsonRpcParseStatus.InvalidMessage, "A request id must not be null.");
            }

            if (!parameters.IsEmpty && parameters.Span[0] != (byte)'{' && parameters.Span[0] != (byte)'[')
            {
                return Invalid(JsonRpcParseStatus.InvalidMessage, "The 'params' member must be an object.", id);
            }

            return new JsonRpcParseResult(JsonRpcParseStatus.Ok, new JsonRpcMessage
            {
                Kind = id is null ? JsonRpcMessageKind.Notification : JsonRpcMessageKind.Request,
                Id = id,
                Method = method,
                Params = parameters,
            }, id, null);
        }

        if (hasResult == hasError)
        {
            return Invalid(JsonRpcParseStatus.InvalidMessage, "A message must have 'method', or exactly one of 'result' and 'error'.", id);
        }

        if (hasResult)
        {
            return id is null
                ? Invalid(JsonRpcParseStatus.InvalidMessage, "A result must carry the id of its request.")
                : new JsonRpcParseResult(JsonRpcParseStatus.Ok, new JsonRpcMessage { Kind = JsonRpcMessageKind.Result, Id = id, Result = result }, id, null);
        }

        return errorInvalid
            ? Invalid(JsonRpcParseStatus.InvalidMessage, "The 'error' member must be an object with an integer 'code' and a string 'message'.", id)
            : new JsonRpcParseResult(JsonRpcParseStatus.Ok, new JsonRpcMessage
            {
                Kind = JsonRpcMessageKind.Error,
                Id = id,
                ErrorCode = errorCode,
                ErrorMessage = errorMessage,
                ErrorData = errorData,
            }, id, null);
    }

    private static bool ReadError(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, out int code, out string? message, out ReadOnlyMemory<byte> data)
    {
        code = 0;
        message = null;
        data = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        bool hasCode = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            bool isCode = reader.ValueTextEquals("code"u8);
            bool isMessage = !isCode && reader.ValueTextEquals("message"u8);
            bool isData = !isCode && !isMessage && reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int c))
            {
                code = c;
                hasCode = true;
            }
            else if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString();
            }
            else if (isData)
            {
                data = Slice(ref reader, body);
            }
            else
            {
                reader.Skip();
            }
        }

        return hasCode && message is not null;
    }

    // Captures the raw JSON of the value at the current token and moves past it.
    private static ReadOnlyMemory<byte> Slice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        int end = (int)reader.BytesConsumed;
        return body[start..end];
    }

    private static JsonRpcParseResult SkipToEndThen(ref Utf8JsonReader reader, JsonRpcParseStatus status, string detail)
    {
        reader.Skip();
        return reader.Read() ? Invalid(JsonRpcParseStatus.InvalidJson, "Unexpected data after the JSON value.") : Invalid(status, detail);
    }

    private static JsonRpcParseResult Invalid(JsonRpcParseStatus status, string detail, RequestId? id = null) => new(status, null, id, detail);

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        int i = 0;
        while (i < utf8.Length && (utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            i++;
        }

        return utf8[i..];
    }

    [Flags]
    private enum Fields
    {
        None = 0,
        JsonRpc = 1,
        Id = 2,
        Method = 4,
        Params = 8,
        Result = 16,
        Error = 32,
    }
}
