using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Reads the params of a plain <c>tools/call</c> (<c>name</c>, <c>arguments</c>, <c>_meta</c>) without
/// deserializing <see cref="CallToolRequestParams"/>, whose <c>arguments</c> would be a <see cref="JsonElement"/> and
/// so a <see cref="JsonDocument"/> per call: the arguments stay a slice of the request's bytes for the tool to bind
/// from. Anything else (a task, input responses, request state, an unknown or repeated member, a value of the wrong
/// kind) makes it decline, and the serializer reads the params as before, with its own errors.
/// </summary>
internal static class CallToolParamsReader
{
    /// <summary>Reads the params; with <paramref name="skipMeta"/> (a modern request, whose transport read <c>_meta</c> already) <c>_meta</c> is stepped over.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> raw, bool skipMeta, out string name, out ReadOnlyMemory<byte> arguments, out RequestMeta? meta)
    {
        name = null!;
        arguments = default;
        meta = null;
        if (raw.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> span = raw.Span;
        var reader = new Utf8JsonReader(span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool seenArguments = false;
            bool seenMeta = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    if (name is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    name = reader.GetString()!;
                }
                else if (reader.ValueTextEquals("arguments"u8))
                {
                    if (seenArguments || !reader.Read())
                    {
                        return false;
                    }

                    seenArguments = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        arguments = raw[start..(int)reader.BytesConsumed];
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("_meta"u8))
                {
                    if (seenMeta || !reader.Read())
                    {
                        return false;
                    }

                    seenMeta = true;
                    if (skipMeta)
                    {
                        reader.Skip();
                    }
                    else
                    {
                        meta = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.RequestMeta);
                    }
                }
                else
                {
                    return false;
                }
            }

            return name is not null;
        }
        catch (JsonException)
        {
            // The serializer reads the params again and reports the problem in its own words.
            return false;
        }
    }
}
