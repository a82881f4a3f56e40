using System.Text.Json;

namespace Mooring.Protocol.Tests.Serialization;

public sealed class ContentBlockSerializationTests
{
    private static ContentBlock Read(string json) => JsonSerializer.Deserialize(json, McpJsonContext.Default.ContentBlock)!;

    [Fact]
    public void Deserialize_TypeNotFirst_PicksTheDerivedType()
    {
        ContentBlock block = Read("""{"text":"hello","annotations":{"priority":1},"type":"text"}""");

        TextContent text = Assert.IsType<TextContent>(block);
        Assert.Equal("hello", text.Text);
        Assert.Equal(1, text.Annotations!.Priority);
    }

    [Theory]
    [InlineData("""{"type":"image","data":"AA==","mimeType":"image/png"}""", typeof(ImageContent))]
    [InlineData("""{"type":"audio","data":"AA==","mimeType":"audio/wav"}""", typeof(AudioContent))]
    [InlineData("""{"type":"resource_link","uri":"file:///a","name":"a"}""", typeof(ResourceLink))]
    [InlineData("""{"type":"resource","resource":{"uri":"file:///a","blob":"AA=="}}""", typeof(EmbeddedResource))]
    [InlineData("""{"type":"tool_use","id":"1","name":"t","input":{}}""", typeof(ToolUseContent))]
    [InlineData("""{"type":"tool_result","toolUseId":"1","content":[]}""", typeof(ToolResultContent))]
    public void Deserialize_EachDiscriminator_PicksItsType(string json, Type expected) => Assert.IsType(expected, Read(json));

    [Theory]
    [InlineData("""{"type":"video","data":"AA=="}""")]
    [InlineData("""{"type":"TEXT","text":"x"}""")]
    public void Deserialize_UnknownType_Throws(string json) => Assert.Throws<JsonException>(() => Read(json));

    // System.Text.Json reports a missing discriminator on an abstract base as NotSupportedException (it cannot
    // create the base), not JsonException: callers that parse client input must catch both.
    [Fact]
    public void Deserialize_MissingType_ThrowsNotSupported() => Assert.Throws<NotSupportedException>(() => Read("""{"text":"x"}"""));

    [Fact]
    public void Deserialize_MissingRequiredMember_Throws() => Assert.Throws<JsonException>(() => Read("""{"type":"text"}"""));

    [Fact]
    public void Serialize_DerivedType_WritesTypeFirst()
    {
        string json = JsonSerializer.Serialize<ContentBlock>(new ImageContent { Data = "AA==", MimeType = "image/png" }, McpJsonContext.Default.ContentBlock);

        Assert.Equal("""{"type":"image","data":"AA==","mimeType":"image/png"}""", json);
    }

    [Fact]
    public void Serialize_UnregisteredDerivedType_Throws() =>
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize<ContentBlock>(new Custom(), McpJsonContext.Default.ContentBlock));

    [Fact]
    public void Serialize_MetaAndAnnotations_UseWireNames()
    {
        var block = new TextContent
        {
            Text = "t",
            Annotations = new Annotations { Audience = [Role.Assistant], LastModified = "2025-01-01T00:00:00Z" },
            Meta = new System.Text.Json.Nodes.JsonObject { ["k"] = 1 },
        };

        string json = JsonSerializer.Serialize<ContentBlock>(block, McpJsonContext.Default.ContentBlock);

        JsonAssert.Equivalent("""{"type":"text","text":"t","annotations":{"audience":["assistant"],"lastModified":"2025-01-01T00:00:00Z"},"_meta":{"k":1}}""", json);
    }

    [Fact]
    public void Deserialize_ContentArrayOfCallToolResult_MixesTypes()
    {
        CallToolResult result = JsonSerializer.Deserialize("""{"content":[{"type":"text","text":"a"},{"mimeType":"image/png","data":"AA==","type":"image"}]}""", McpJsonContext.Default.CallToolResult)!;

        Assert.Collection(result.Content, b => Assert.IsType<TextContent>(b), b => Assert.IsType<ImageContent>(b));
    }

    private sealed class Custom : ContentBlock;
}
