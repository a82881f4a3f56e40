using System.ComponentModel;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Primitives;

/// <summary>How what a tool method returns becomes a <c>CallToolResult</c> (and whether it declares an output schema).</summary>
public sealed class McpResultConverterTests
{
    public sealed record Point(int X, int Y);

    internal static class ReturnTools
    {
        [McpTool]
        public static string Text() => "plain";

        [McpTool]
        public static ContentBlock Image() => new ImageContent { Data = "AQID", MimeType = "image/png" };

        [McpTool]
        public static IEnumerable<ContentBlock> Blocks() => [new TextContent { Text = "a" }, new ResourceLink { Uri = "file:///b", Name = "b" }];

        [McpTool]
        public static CallToolResult Custom() => new() { Content = [new TextContent { Text = "custom" }], IsError = true };

        [McpTool]
        public static Point Structured() => new(3, 4);

        [McpTool]
        public static async Task<Point> StructuredLaterAsync()
        {
            await Task.Yield();
            return new Point(5, 6);
        }

        [McpTool(UseStructuredContent = false)]
        public static Point Unstructured() => new(7, 8);

        [McpTool]
        public static int Number() => 42;

        [McpTool]
        public static int[] Numbers() => [1, 2, 3];

        [McpTool]
        public static async Task<string> TextTaskAsync()
        {
            await Task.Yield();
            return "from task";
        }

        [McpTool]
        public static ValueTask<string> TextValueTask() => ValueTask.FromResult("from value task");

        [McpTool]
        public static void Nothing()
        {
        }

        [McpTool]
        public static Task NothingTaskAsync() => Task.Delay(1);

        [McpTool]
        public static ValueTask NothingValueTask() => ValueTask.CompletedTask;

        [McpTool]
        public static string? NullText() => null;
    }

    private static async Task<(JsonObject Result, JsonNode Tool)> CallAsync(string name)
    {
        await using var server = TestServer.Create(typeof(ReturnTools));
        TestSession session = await server.InitializedSessionAsync();
        JsonObject list = Rpc.Result(await session.RequestAsync("tools/list"));
        JsonNode tool = list["tools"]!.AsArray().Single(t => (string?)t!["name"] == name)!;
        JsonObject result = Rpc.Result(await session.RequestAsync("tools/call", $$"""{"name":"{{name}}"}"""));
        return (result, tool);
    }

    [Fact]
    public async Task String_BecomesOneTextBlock()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("text");

        JsonAssertions.Equivalent("""{"content":[{"type":"text","text":"plain"}]}""", result);
        Assert.Null(tool["outputSchema"]);
    }

    [Fact]
    public async Task ContentBlock_IsTheOnlyBlock()
    {
        (JsonObject result, _) = await CallAsync("image");

        JsonAssertions.Equivalent("""{"content":[{"type":"image","data":"AQID","mimeType":"image/png"}]}""", result);
    }

    [Fact]
    public async Task ContentBlocks_KeepTheirOrderAndTypes()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("blocks");

        JsonAssertions.Equivalent("""{"content":[{"type":"text","text":"a"},{"type":"resource_link","uri":"file:///b","name":"b"}]}""", result);
        Assert.Null(tool["outputSchema"]);
    }

    [Fact]
    public async Task CallToolResult_IsSentAsIs()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("custom");

        JsonAssertions.Equivalent("""{"content":[{"type":"text","text":"custom"}],"isError":true}""", result);
        Assert.Null(tool["outputSchema"]);
    }

    [Fact]
    public async Task ObjectResult_GoesOutAsStructuredContentAndJsonText()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("structured");

        JsonAssertions.Equivalent("""{"x":3,"y":4}""", result["structuredContent"]);
        JsonAssertions.Equivalent("""{"x":3,"y":4}""", JsonNode.Parse(Assert.Single(Rpc.Texts(result))));
        JsonAssertions.Equivalent("""{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},"required":["x","y"]}""", tool["outputSchema"]);
    }

    [Fact]
    public async Task TaskOfObject_IsUnwrappedAndStructured()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("structured_later");

        JsonAssertions.Equivalent("""{"x":5,"y":6}""", result["structuredContent"]);
        Assert.NotNull(tool["outputSchema"]);
    }

    [Fact]
    public async Task ObjectResult_WithStructuredContentOff_IsTextOnlyWithoutOutputSchema()
    {
        (JsonObject result, JsonNode tool) = await CallAsync("unstructured");

        Assert.Null(result["structuredContent"]);
        JsonAssertions.Equivalent("""{"x":7,"y":8}""", JsonNode.Parse(Assert.Single(Rpc.Texts(result))));
        Assert.Null(tool["outputSchema"]);
    }

    [Theory]
    [InlineData("number", "42")]
    [InlineData("numbers", "[1,2,3]")]
    public async Task NonObjectRoot_IsTextOnlyWithoutOutputSchema(string name, string text)
    {
        (JsonObject result, JsonNode tool) = await CallAsync(name);

        Assert.Null(result["structuredContent"]);
        Assert.Equal(text, Assert.Single(Rpc.Texts(result)));
        Assert.Null(tool["outputSchema"]);
    }

    [Theory]
    [InlineData("text_task", "from task")]
    [InlineData("text_value_task", "from value task")]
    public async Task AsyncString_IsUnwrapped(string name, string text)
    {
        (JsonObject result, _) = await CallAsync(name);

        Assert.Equal(text, Assert.Single(Rpc.Texts(result)));
    }

    [Theory]
    [InlineData("nothing")]
    [InlineData("nothing_task")]
    [InlineData("nothing_value_task")]
    [InlineData("null_text")]
    public async Task NoValue_IsAnEmptySuccessfulResult(string name)
    {
        (JsonObject result, JsonNode tool) = await CallAsync(name);

        JsonAssertions.Equivalent("""{"content":[]}""", result);
        Assert.Null(tool["outputSchema"]);
    }
}
