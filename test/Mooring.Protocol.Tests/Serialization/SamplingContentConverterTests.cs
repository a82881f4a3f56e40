using System.Text.Json;

namespace Mooring.Protocol.Tests.Serialization;

public sealed class SamplingContentConverterTests
{
    [Fact]
    public void Read_SingleBlock_GivesOneElementList()
    {
        CreateMessageResult result = JsonSerializer.Deserialize("""{"role":"assistant","model":"m","content":{"type":"text","text":"hi"}}""", McpJsonContext.Default.CreateMessageResult)!;

        Assert.Equal("hi", Assert.IsType<TextContent>(Assert.Single(result.Content)).Text);
        Assert.Equal(Role.Assistant, result.Role);
    }

    [Fact]
    public void Read_Array_GivesEveryBlock()
    {
        CreateMessageResult result = JsonSerializer.Deserialize("""{"role":"assistant","model":"m","content":[{"type":"text","text":"a"},{"type":"tool_use","id":"1","name":"t","input":{}}]}""", McpJsonContext.Default.CreateMessageResult)!;

        Assert.Collection(result.Content, b => Assert.IsType<TextContent>(b), b => Assert.IsType<ToolUseContent>(b));
    }

    [Fact]
    public void Read_EmptyArray_GivesEmptyList()
    {
        CreateMessageResult result = JsonSerializer.Deserialize("""{"role":"assistant","model":"m","content":[]}""", McpJsonContext.Default.CreateMessageResult)!;

        Assert.Empty(result.Content);
    }

    [Fact]
    public void Write_OneBlock_WritesASingleObjectForOlderClients()
    {
        var message = new SamplingMessage { Role = Role.User, Content = [new TextContent { Text = "q" }] };

        string json = JsonSerializer.Serialize(message, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<SamplingMessage>)McpJsonContext.Default.Options.GetTypeInfo(typeof(SamplingMessage)));

        JsonAssert.Equivalent("""{"role":"user","content":{"type":"text","text":"q"}}""", json);
    }

    [Fact]
    public void Write_SeveralBlocks_WritesAnArray()
    {
        var result = new CreateMessageResult { Role = Role.Assistant, Model = "m", Content = [new TextContent { Text = "a" }, new TextContent { Text = "b" }] };

        string json = JsonSerializer.Serialize(result, McpJsonContext.Default.CreateMessageResult);

        JsonAssert.Equivalent("""{"role":"assistant","model":"m","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}""", json);
    }

    [Fact]
    public void Write_NoBlocks_WritesAnEmptyArray()
    {
        var result = new CreateMessageResult { Role = Role.Assistant, Model = "m", Content = [] };

        string json = JsonSerializer.Serialize(result, McpJsonContext.Default.CreateMessageResult);

        JsonAssert.Equivalent("""{"role":"assistant","model":"m","content":[]}""", json);
    }

    [Fact]
    public void Read_ScalarContent_Throws() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"role":"assistant","model":"m","content":"text"}""", McpJsonContext.Default.CreateMessageResult));
}
