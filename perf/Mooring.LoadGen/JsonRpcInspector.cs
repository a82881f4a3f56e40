using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>Classifies one JSON-RPC message with a <see cref="Utf8JsonReader"/>, without allocating.</summary>
internal static class JsonRpcInspector
{
    /// <summary>Any response id matches: for a server that answers a fixed body.</summary>
    public const long AnyId = -1;

    /// <summary>
    /// Classifies <paramref name="json"/>. With a non-empty <paramref name="expectedText"/>, a result counts as
    /// <see cref="RpcMessageKind.Result"/> only when its first content block's <c>text</c> equals it (the echo came back).
    /// </summary>
    public static RpcMessageKind Inspect(ReadOnlySpan<byte> json, long expectedId, ReadOnlySpan<byte> expectedText = default)
    {
        var reader = new Utf8JsonReader(json);
        var hasId = false;
        var idMatches = false;
        var hasResult = false;
        var hasError = false;
        var hasMethod = false;
        var isProgress = false;
        var toolError = false;
        var textMatches = expectedText.IsEmpty;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return RpcMessageKind.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    hasId = true;
                    idMatches = expectedId == AnyId
                        || (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id) && id == expectedId);
                }
                else if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    hasResult = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadResult(ref reader, expectedText, out toolError, out var matched);
                        textMatches |= matched;
                    }

                    reader.Skip();
                }
                else if (reader.ValueTextEquals("method"u8))
                {
                    reader.Read();
                    hasMethod = true;
                    isProgress = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(McpRequests.ProgressNotificationUtf8);
                }
                else
                {
                    hasError |= reader.ValueTextEquals("error"u8);
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return RpcMessageKind.Malformed;
            }
        }
        catch (JsonException)
        {
            return RpcMessageKind.Malformed;
        }

        if (hasMethod)
        {
            return isProgress && !hasId ? RpcMessageKind.Progress : RpcMessageKind.Other;
        }

        if (!hasId || hasResult == hasError)
        {
            return RpcMessageKind.Malformed;
        }

        if (!idMatches)
        {
            return RpcMessageKind.Other;
        }

        return hasError ? RpcMessageKind.Error
            : toolError ? RpcMessageKind.ToolError
            : textMatches ? RpcMessageKind.Result
            : RpcMessageKind.WrongResult;
    }

    /// <summary>
    /// Reads the result object to its end: <paramref name="isError"/> when it has <c>"isError": true</c> at its top
    /// level, <paramref name="textMatches"/> when <c>content[0].text</c> equals <paramref name="expectedText"/>.
    /// </summary>
    private static void ReadResult(ref Utf8JsonReader reader, ReadOnlySpan<byte> expectedText, out bool isError, out bool textMatches)
    {
        var depth = reader.CurrentDepth;
        isError = false;
        textMatches = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isErrorProperty = reader.ValueTextEquals("isError"u8);
                var isContent = !isErrorProperty && !expectedText.IsEmpty && reader.ValueTextEquals("content"u8);
                reader.Read();
                isError |= isErrorProperty && reader.TokenType == JsonTokenType.True;
                if (isContent)
                {
                    textMatches |= FirstTextEquals(reader, expectedText);
                }

                reader.Skip();
            }
        }
    }

    /// <summary>
    /// True when the array at the reader's token starts with an object whose <c>text</c> is <paramref name="expectedText"/>.
    /// Reads a copy of the reader (a struct), so the caller's position is unchanged.
    /// </summary>
    private static bool FirstTextEquals(Utf8JsonReader reader, ReadOnlySpan<byte> expectedText)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isText = reader.ValueTextEquals("text"u8);
                reader.Read();
                if (isText)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedText);
                }

                reader.Skip();
            }
        }

        return false;
    }
}
