using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// Reads <see cref="ResourceContents"/> as text or blob by looking for a <c>blob</c> member first (the wire format
/// has no discriminator), and writes the concrete type.
/// </summary>
public sealed class ResourceContentsConverter : JsonConverter<ResourceContents>
{
    /// <inheritdoc />
    public override ResourceContents? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Resource contents must be an object.");
        }

        bool isBlob = false;
        Utf8JsonReader probe = reader;
        int depth = probe.CurrentDepth;
        while (probe.Read() && !(probe.TokenType == JsonTokenType.EndObject && probe.CurrentDepth == depth))
        {
            if (probe.TokenType == JsonTokenType.PropertyName && probe.CurrentDepth == depth + 1 && probe.ValueTextEquals("blob"u8))
            {
                isBlob = true;
                break;
            }

            if (probe.TokenType == JsonTokenType.PropertyName)
            {
                probe.Read();
                probe.Skip();
            }
        }

        return isBlob
            ? JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.BlobResourceContents)
            : JsonSerializer.Deserialize(ref reader, McpJsonContext.Default.TextResourceContents);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceContents value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case BlobResourceContents blob:
                JsonSerializer.Serialize(writer, blob, McpJsonContext.Default.BlobResourceContents);
                break;
            case TextResourceContents text:
                JsonSerializer.Serialize(writer, text, McpJsonContext.Default.TextResourceContents);
                break;
            default:
                throw new JsonException("Unknown resource contents type.");
        }
    }
}
