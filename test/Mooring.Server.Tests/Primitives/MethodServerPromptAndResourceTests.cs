using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Primitives;

/// <summary>Return conversions of prompt and resource methods, and failures of non-tool handlers.</summary>
public sealed class MethodServerPromptAndResourceTests
{
    public enum Tone
    {
        Formal,
        Casual,
    }

    internal static class Prompts
    {
        [McpPrompt("one-message", Title = "One")]
        public static PromptMessage OneMessage() => new() { Role = Role.Assistant, Content = new TextContent { Text = "a" } };

        [McpPrompt]
        public static IEnumerable<PromptMessage> Conversation() =>
        [
            new() { Role = Role.User, Content = new TextContent { Text = "q" } },
            new() { Role = Role.Assistant, Content = new TextContent { Text = "a" } },
        ];

        [McpPrompt]
        public static ContentBlock Picture() => new ImageContent { Data = "AQID", MimeType = "image/png" };

        [McpPrompt]
        public static GetPromptResult Full() => new() { Description = "full", Messages = [new PromptMessage { Role = Role.User, Content = new TextContent { Text = "x" } }] };

        [McpPrompt]
        public static string Styled(Tone tone, int count = 1) => $"{tone}x{count}";

        [McpPrompt]
        public static string Broken() => throw new InvalidOperationException("secret prompt failure");

        [McpPrompt]
        public static string Refused() => throw new McpException("Not now.", JsonRpcErrorCodes.InvalidRequest);
    }

    internal static class Resources
    {
        [McpResource("mem://contents")]
        public static ResourceContents Contents() => new TextResourceContents { Uri = "mem://contents", Text = "c", MimeType = "text/csv" };

        [McpResource("mem://many")]
        public static IEnumerable<ResourceContents> Many() => [new TextResourceContents { Uri = "mem://many#1", Text = "1" }, new BlobResourceContents { Uri = "mem://many#2", Blob = "AA==" }];

        [McpResource("mem://result")]
        public static ReadResourceResult Result() => new() { Contents = [new TextResourceContents { Uri = "mem://result", Text = "r" }] };

        [McpResource("mem://memory")]
        public static ReadOnlyMemory<byte> Memory() => new byte[] { 0xFF, 0x00 };

        [McpResource("mem://unsupported")]
        public static int Unsupported() => 5;

        [McpResource("mem://broken")]
        public static string Broken() => throw new InvalidOperationException("secret resource failure");
    }

    [Fact]
    public async Task PromptsGet_PromptMessage_IsTheOnlyMessage()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"one-message"}"""));

        JsonAssertions.Equivalent("""{"messages":[{"role":"assistant","content":{"type":"text","text":"a"}}]}""", result);
    }

    [Fact]
    public async Task PromptsList_ExplicitNameAndTitle_AreListed()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/list"));

        JsonNode prompt = result["prompts"]!.AsArray().Single(p => (string?)p!["name"] == "one-message")!;
        JsonAssertions.Equivalent("""{"name":"one-message","title":"One"}""", prompt);
    }

    [Fact]
    public async Task PromptsGet_Messages_KeepTheirRolesAndOrder()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"conversation"}"""));

        Assert.Equal(["user", "assistant"], result["messages"]!.AsArray().Select(m => (string)m!["role"]!));
    }

    [Fact]
    public async Task PromptsGet_ContentBlock_BecomesAUserMessage()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"picture"}"""));

        JsonAssertions.Equivalent("""{"messages":[{"role":"user","content":{"type":"image","data":"AQID","mimeType":"image/png"}}]}""", result);
    }

    [Fact]
    public async Task PromptsGet_GetPromptResult_IsSentAsIs()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"full"}"""));

        Assert.Equal("full", (string?)result["description"]);
    }

    [Theory]
    [InlineData("""{"tone":"casual","count":"3"}""", "Casualx3")]
    [InlineData("""{"tone":"Formal"}""", "Formalx1")]
    public async Task PromptsGet_StringArguments_BindToTypedParameters(string arguments, string expected)
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", $$$"""{"name":"styled","arguments":{{{arguments}}}}"""));

        Assert.Equal(expected, (string?)result["messages"]![0]!["content"]!["text"]);
    }

    [Theory]
    [InlineData("""{"tone":"loud"}""", "Argument 'tone' is not a valid enum value.")]
    [InlineData("""{"tone":"Formal","count":"many"}""", "Argument 'count' is not a valid integer.")]
    public async Task PromptsGet_ArgumentsThatDoNotConvert_AreInvalidParams(string arguments, string expected)
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", $$$"""{"name":"styled","arguments":{{{arguments}}}}""");

        Assert.Equal($"Invalid arguments for prompt 'styled': {expected}", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task PromptsGet_MethodThrows_IsGenericInternalErrorAndLogged()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        server.Logs.ExpectError(e => e.EventId.Id == 1001 && e.Exception is InvalidOperationException);
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", """{"name":"broken"}""");

        Assert.Equal("Internal error.", Rpc.Error(response, JsonRpcErrorCodes.InternalError));
        Assert.DoesNotContain("secret", response.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 1001);
    }

    [Fact]
    public async Task PromptsGet_MethodThrowsWithExceptionDetailsOn_IncludesTheText()
    {
        await using var server = TestServer.Create(typeof(Prompts), o => o.IncludeExceptionDetails = true);
        server.Logs.ExpectError(e => e.EventId.Id == 1001);
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", """{"name":"broken"}""");

        Assert.Equal("Internal error: secret prompt failure", Rpc.Error(response, JsonRpcErrorCodes.InternalError));
    }

    [Fact]
    public async Task PromptsGet_MethodThrowsMcpException_UsesItsCodeAndMessage()
    {
        await using var server = TestServer.Create(typeof(Prompts));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", """{"name":"refused"}""");

        Assert.Equal("Not now.", Rpc.Error(response, JsonRpcErrorCodes.InvalidRequest));
    }

    [Theory]
    [InlineData("mem://contents", """{"contents":[{"uri":"mem://contents","mimeType":"text/csv","text":"c"}]}""")]
    [InlineData("mem://many", """{"contents":[{"uri":"mem://many#1","text":"1"},{"uri":"mem://many#2","blob":"AA=="}]}""")]
    [InlineData("mem://result", """{"contents":[{"uri":"mem://result","text":"r"}]}""")]
    [InlineData("mem://memory", """{"contents":[{"uri":"mem://memory","mimeType":"application/octet-stream","blob":"/wA="}]}""")]
    public async Task ResourcesRead_ReturnType_IsConverted(string uri, string expected)
    {
        await using var server = TestServer.Create(typeof(Resources));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("resources/read", $$"""{"uri":"{{uri}}"}"""));

        JsonAssertions.Equivalent(expected, result);
    }

    [Theory]
    [InlineData("mem://unsupported")]
    [InlineData("mem://broken")]
    public async Task ResourcesRead_MethodFails_IsGenericInternalErrorAndLogged(string uri)
    {
        await using var server = TestServer.Create(typeof(Resources));
        server.Logs.ExpectError(e => e.EventId.Id == 1001 && e.Exception is InvalidOperationException);
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("resources/read", $$"""{"uri":"{{uri}}"}""");

        Assert.Equal("Internal error.", Rpc.Error(response, JsonRpcErrorCodes.InternalError));
    }
}
