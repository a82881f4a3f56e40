using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>
/// Writes a <see cref="CallToolResult"/> by hand, byte for byte what its source-generated metadata writes, for the
/// answer every tool call sends. The reason is the content list: a polymorphic <see cref="ContentBlock"/> makes
/// System.Text.Json grow its write stack on the heap (about 300 bytes per result, measured by
/// perf/Mooring.Benchmarks' SerializeBreakdownBenchmarks), while a plain text block needs only a few writer calls.
/// Blocks of any other shape still go through the serializer.
/// </summary>
internal static class CallToolResultWriter
{
    /// <summary>False when the result has a shape the serializer must see itself (it then also reports the error).</summary>
    public static bool CanWrite(CallToolResult result) =>
        result.Content is not null && result.StructuredContent is not { ValueKind: JsonValueKind.Undefined };

    private static readonly JsonEncodedText ServerInfoKey = JsonEncodedText.Encode(McpMetaKeys.ServerInfo);

    /// <summary>Writes the result; the property order is the generator's (derived members first, then <see cref="Result"/>'s).</summary>
    public static void Write(Utf8JsonWriter writer, CallToolResult result)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("content"u8);
        IList<ContentBlock> content = result.Content;
        for (int i = 0; i < content.Count; i++)
        {
            ContentBlock block = content[i];
            if (block is TextContent { Annotations: null, Meta: null, Text: { } text })
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, text);
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, block, McpJsonContext.Default.ContentBlock);
            }
        }

        writer.WriteEndArray();
        if (result.StructuredContent is { } structured)
        {
            writer.WritePropertyName("structuredContent"u8);
            structured.WriteTo(writer);
        }

        if (result.IsError is { } isError)
        {
            writer.WriteBoolean("isError"u8, isError);
        }

        if (result.Meta is { } meta)
        {
            writer.WritePropertyName("_meta"u8);
            if (meta is { SubscriptionId: null, Extra: null, ServerInfo: { Icons: null } info })
            {
                // Every modern result's envelope: the server's identity alone, written without the serializer's stack.
                writer.WriteStartObject();
                writer.WritePropertyName(ServerInfoKey);
                WriteImplementation(writer, info);
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, meta, McpJsonContext.Default.ResultMeta);
            }
        }

        if (result.ResultType is { } resultType)
        {
            writer.WriteString("resultType"u8, resultType);
        }

        if (result.TtlMs is { } ttlMs)
        {
            writer.WriteNumber("ttlMs"u8, ttlMs);
        }

        if (result.CacheScope is { } cacheScope)
        {
            writer.WriteString("cacheScope"u8, cacheScope);
        }

        writer.WriteEndObject();
    }

    // In Implementation's member order, nulls left out, as its source-generated metadata writes it (icons excluded).
    private static void WriteImplementation(Utf8JsonWriter writer, Implementation info)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, info.Name);
        writer.WriteString("version"u8, info.Version);
        if (info.Title is { } title)
        {
            writer.WriteString("title"u8, title);
        }

        if (info.Description is { } description)
        {
            writer.WriteString("description"u8, description);
        }

        if (info.WebsiteUrl is { } websiteUrl)
        {
            writer.WriteString("websiteUrl"u8, websiteUrl);
        }

        writer.WriteEndObject();
    }
}
