using System.Text.Json;

namespace Mooring.LoadGen;

/// <summary>Classifies one JSON-RPC message with a <see cref="Utf8JsonReader"/>, without allocating.</summary>
internal static class JsonRpcInspector
{
    /// <summary>Any response id matches: for a server that answers a fixed body.</summary>
    public const long AnyId = -1;

    public static RpcMessageKind Inspect(ReadOnlySpan<byte> json, long expectedId)
    {
        var reader = new Utf8JsonReader(json);
        var hasId = false;
        var idMatches = false;
        var hasResult = false;
        var hasError = false;
        var hasMethod = false;
        var toolError = false;
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
                    toolError = reader.TokenType == JsonTokenType.StartObject && ResultIsError(ref reader);
                    reader.Skip();
                }
                else
                {
                    hasError |= reader.ValueTextEquals("error"u8);
                    hasMethod |= reader.ValueTextEquals("method"u8);
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
            return RpcMessageKind.Other;
        }

        if (!hasId || hasResult == hasError)
        {
            return RpcMessageKind.Malformed;
        }

        if (!idMatches)
        {
            return RpcMessageKind.Other;
        }

        return hasError ? RpcMessageKind.Error : toolError ? RpcMessageKind.ToolError : RpcMessageKind.Result;
    }

    /// <summary>Reads the result object to its end; true when it has <c>"isError": true</c> at its top level.</summary>
    private static bool ResultIsError(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var isError = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isErrorProperty = reader.ValueTextEquals("isError"u8);
                reader.Read();
                isError |= isErrorProperty && reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
        }

        return isError;
    }
}
