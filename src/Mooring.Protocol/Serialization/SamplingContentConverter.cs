using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Sampling content is one block or, since 2025-11-25, an array of blocks. Reads both; writes a single block when
/// there is exactly one, so clients of older revisions understand it.
/// </summary>
public sealed class SamplingContentConverter : JsonConverter<IList<ContentBlock>>
{
    /// <inheritdoc />
    public override IList<ContentBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.IListContentBlock) ?? [];
        }

        ContentBlock? single = JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.ContentBlock);
        return single is null ? [] : [single];
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IList<ContentBlock> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count == 1)
        {
            JsonSerializer.Serialize(writer, value[0], McpJsonContext.Default.ContentBlock);
        }
        else
        {
            JsonSerializer.Serialize(writer, value, McpJsonContext.Default.IListContentBlock);
        }
    }
}
