using System.Text.Json;

namespace Mooring.Protocol.Tests.Serialization;

public sealed class ResourceContentsConverterTests
{
    private static ResourceContents Read(string json) => JsonSerializer.Deserialize(json, McpJsonContext.Default.ResourceContents)!;

    [Fact]
    public void Read_TextMember_IsTextContents()
    {
        TextResourceContents text = Assert.IsType<TextResourceContents>(Read("""{"uri":"file:///a.txt","mimeType":"text/plain","text":"hi"}"""));

        Assert.Equal("file:///a.txt", text.Uri);
        Assert.Equal("hi", text.Text);
    }

    [Fact]
    public void Read_BlobMemberAnywhere_IsBlobContents()
    {
        BlobResourceContents blob = Assert.IsType<BlobResourceContents>(Read("""{"mimeType":"image/png","_meta":{"x":[1,{"y":2}]},"uri":"file:///a.png","blob":"AAEC"}"""));

        Assert.Equal("AAEC", blob.Blob);
        Assert.Equal("image/png", blob.MimeType);
    }

    [Fact]
    public void Read_BlobNameNestedInMeta_DoesNotMakeItABlob()
    {
        ResourceContents contents = Read("""{"uri":"file:///a","_meta":{"blob":"not this one"},"text":"t"}""");

        Assert.Equal("t", Assert.IsType<TextResourceContents>(contents).Text);
    }

    [Fact]
    public void Read_NeitherTextNorBlob_Throws() => Assert.Throws<JsonException>(() => Read("""{"uri":"file:///a"}"""));

    [Fact]
    public void Read_NotAnObject_Throws() => Assert.Throws<JsonException>(() => Read("\"file:///a\""));

    [Fact]
    public void Write_EachKind_WritesItsOwnMembersOnly()
    {
        string text = JsonSerializer.Serialize<ResourceContents>(new TextResourceContents { Uri = "u", Text = "t" }, McpJsonContext.Default.ResourceContents);
        string blob = JsonSerializer.Serialize<ResourceContents>(new BlobResourceContents { Uri = "u", Blob = "AA==", MimeType = "application/octet-stream" }, McpJsonContext.Default.ResourceContents);

        JsonAssert.Equivalent("""{"uri":"u","text":"t"}""", text);
        JsonAssert.Equivalent("""{"uri":"u","mimeType":"application/octet-stream","blob":"AA=="}""", blob);
    }

    [Fact]
    public void ReadResourceResult_MixedContents_RoundTrip()
    {
        const string Json = """{"contents":[{"uri":"a","text":"t"},{"uri":"b","blob":"AA=="}]}""";

        ReadResourceResult result = JsonSerializer.Deserialize(Json, McpJsonContext.Default.ReadResourceResult)!;

        Assert.Collection(result.Contents, c => Assert.IsType<TextResourceContents>(c), c => Assert.IsType<BlobResourceContents>(c));
        JsonAssert.Equivalent(Json, JsonSerializer.Serialize(result, McpJsonContext.Default.ReadResourceResult));
    }
}
