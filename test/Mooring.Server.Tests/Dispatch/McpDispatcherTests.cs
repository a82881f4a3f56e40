using System.ComponentModel;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Dispatch;

/// <summary>Every method the dispatcher routes, with its success and its documented rejections.</summary>
public sealed class McpDispatcherTests
{
    public enum Color
    {
        Red,
        Green,
        Blue,
    }

    internal sealed class Primitives
    {
        [McpTool, Description("Adds two numbers.")]
        public static int Add(int a, int b) => a + b;

        [McpPrompt, Description("Asks for a code review.")]
        public static string CodeReview([Description("The language.")] string language, string? focus = null) =>
            $"Review this {language} code" + (focus is null ? "." : $", focusing on {focus}.");

        [McpPrompt]
        public static string Paint([McpCompletions("python", "pytorch", "rust")] string style, Color color) => $"{style}:{color}";

        [McpPrompt]
        public static string Many([McpCompletions] string item) => item;

        [McpResource("file:///readme.txt", MimeType = "text/markdown"), Description("The readme.")]
        public static string Readme() => "# Hello";

        [McpResource("file:///logo.png", MimeType = "image/png")]
        public static byte[] Logo() => [1, 2, 3];

        [McpResource("file:///data.bin")]
        public static byte[] Data() => [255];

        [McpResource("users://{id}/profile")]
        public static string Profile([McpCompletions("alice", "albert", "bob")] string id) => $"profile of {id}";

        [McpResource("repo://{owner}/{+path}")]
        public static string File(string owner, string path) => $"{owner} -> {path}";

        [McpResource("items://{n}")]
        public static string Item(int n) => $"item {n * 2}";

        [McpResource("missing://{name}")]
        public static string? Missing(string name) => name == "here" ? "found" : null;
    }

    private static TestServer CreateServer(Action<McpServerOptions>? options = null) => TestServer.Create(typeof(Primitives), options);

    [Fact]
    public async Task Ping_AfterInitialize_ReturnsEmptyResult()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Assert.Empty(Rpc.Result(await session.RequestAsync("ping")));
    }

    [Fact]
    public async Task ToolsList_ListsTheRegisteredTools()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list"));

        JsonNode tool = Assert.Single(result["tools"]!.AsArray())!;
        Assert.Equal("add", (string?)tool["name"]);
        Assert.Equal("Adds two numbers.", (string?)tool["description"]);
        Assert.False(result.ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task ToolsCall_KnownTool_ReturnsItsResult()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"add","arguments":{"a":2,"b":40}}""");

        Assert.Equal("42", Rpc.ToolText(response));
    }

    [Fact]
    public async Task ToolsCall_UnknownTool_IsInvalidParamsProtocolError()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"subtract","arguments":{}}""");

        Assert.Equal("Unknown tool: subtract", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    /// <summary>
    /// A plain call binds its arguments from the request's bytes; any other params (here an extra member) go through
    /// the serializer and a <see cref="System.Text.Json.JsonElement"/>. Both must answer alike, errors included.
    /// </summary>
    [Theory]
    [InlineData("""{"a":2,"b":40}""")]
    [InlineData("""{"b":40,"a":2,"c":[1,{"d":2}]}""")]
    [InlineData("""{"a":null,"b":1}""")]
    [InlineData("""{"a":"2","b":1}""")]
    [InlineData("""{"a":2.5,"b":1}""")]
    [InlineData("""{"a":9999999999,"b":1}""")]
    [InlineData("""{"a":2}""")]
    [InlineData("""{"A":2,"b":40}""")]
    [InlineData("""{"a":1,"a":2,"b":40}""")]
    [InlineData("""{"\u0061":2,"b":40}""")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public async Task ToolsCall_ArgumentsFromBytes_AnswerAsThroughTheSerializer(string arguments)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode fast = await session.RequestAsync("tools/call", $$$"""{"name":"add","arguments":{{{arguments}}},"_meta":{"progressToken":"p"}}""");
        JsonNode general = await session.RequestAsync("tools/call", $$$"""{"name":"add","arguments":{{{arguments}}},"_meta":{"progressToken":"p"},"extra":0}""");

        Assert.Equal(general["result"]?.ToJsonString() ?? general["error"]!.ToJsonString(), fast["result"]?.ToJsonString() ?? fast["error"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"name":5}""")]
    [InlineData("""{"arguments":{}}""")]
    [InlineData("""{"name":null}""")]
    public async Task ToolsCall_MalformedParams_IsInvalidParams(string? parameters)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", parameters);

        Assert.Equal("Invalid params for tools/call.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task ResourcesList_ListsFixedResourcesInUriOrder()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("resources/list"));

        JsonArray resources = result["resources"]!.AsArray();
        Assert.Equal(["file:///data.bin", "file:///logo.png", "file:///readme.txt"], resources.Select(r => (string)r!["uri"]!));
        JsonAssertions.Equivalent("""{"uri":"file:///readme.txt","name":"readme","description":"The readme.","mimeType":"text/markdown"}""", resources[2]);
    }

    [Fact]
    public async Task ResourcesTemplatesList_ListsTemplates()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("resources/templates/list"));

        Assert.Equal(
            ["items://{n}", "missing://{name}", "repo://{owner}/{+path}", "users://{id}/profile"],
            result["resourceTemplates"]!.AsArray().Select(r => (string)r!["uriTemplate"]!));
    }

    [Fact]
    public async Task ResourcesRead_FixedTextResource_ReturnsTextWithItsMimeType()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("resources/read", """{"uri":"file:///readme.txt"}"""));

        JsonAssertions.Equivalent("""{"contents":[{"uri":"file:///readme.txt","mimeType":"text/markdown","text":"# Hello"}]}""", result);
    }

    [Fact]
    public async Task ResourcesRead_BinaryResource_ReturnsBase64Blob()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject logo = Rpc.Result(await session.RequestAsync("resources/read", """{"uri":"file:///logo.png"}"""));
        JsonObject data = Rpc.Result(await session.RequestAsync("resources/read", """{"uri":"file:///data.bin"}"""));

        JsonAssertions.Equivalent("""{"contents":[{"uri":"file:///logo.png","mimeType":"image/png","blob":"AQID"}]}""", logo);
        JsonAssertions.Equivalent("""{"contents":[{"uri":"file:///data.bin","mimeType":"application/octet-stream","blob":"/w=="}]}""", data);
    }

    [Theory]
    [InlineData("users://alice/profile", "profile of alice")]
    [InlineData("users://a%20b/profile", "profile of a b")]
    [InlineData("repo://octo/src/deep/file.cs", "octo -> src/deep/file.cs")]
    [InlineData("items://21", "item 42")]
    public async Task ResourcesRead_Template_BindsVariables(string uri, string expected)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("resources/read", $$"""{"uri":"{{uri}}"}"""));

        JsonNode contents = Assert.Single(result["contents"]!.AsArray())!;
        Assert.Equal(uri, (string?)contents["uri"]);
        Assert.Equal("text/plain", (string?)contents["mimeType"]);
        Assert.Equal(expected, (string?)contents["text"]);
    }

    [Theory]
    [InlineData("file:///nope.txt")]
    [InlineData("users://alice/settings")]
    [InlineData("users://a/b/profile")]
    [InlineData("FILE:///readme.txt")]
    public async Task ResourcesRead_NoMatchingResource_IsResourceNotFound(string uri)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("resources/read", $$"""{"uri":"{{uri}}"}""");

        Assert.Equal($"Resource not found: {uri}", Rpc.Error(response, JsonRpcErrorCodes.ResourceNotFound));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"uri":null}""")]
    [InlineData(null)]
    public async Task ResourcesRead_MissingUri_IsInvalidParams(string? parameters)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("resources/read", parameters);

        Assert.Equal("Invalid params for resources/read.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task ResourcesRead_TemplateMethodReturnsNull_IsResourceNotFound()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Rpc.Result(await session.RequestAsync("resources/read", """{"uri":"missing://here"}"""));
        JsonNode response = await session.RequestAsync("resources/read", """{"uri":"missing://gone"}""");

        Assert.Equal("Resource not found: missing://gone", Rpc.Error(response, JsonRpcErrorCodes.ResourceNotFound));
    }

    [Fact]
    public async Task ResourcesRead_VariableOfWrongType_IsInvalidParams()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("resources/read", """{"uri":"items://twenty"}""");

        Assert.Equal("Invalid resource URI 'items://twenty': Argument 'n' is not a valid integer.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task ResourcesSubscribe_ThenUnsubscribe_TracksTheUri()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Assert.Empty(Rpc.Result(await session.RequestAsync("resources/subscribe", """{"uri":"file:///later.txt"}""")));
        Assert.True(session.Session.IsSubscribed("file:///later.txt"));
        Assert.Equal(["file:///later.txt"], session.Session.Subscriptions);

        Assert.Empty(Rpc.Result(await session.RequestAsync("resources/unsubscribe", """{"uri":"file:///later.txt"}""")));
        Assert.False(session.Session.IsSubscribed("file:///later.txt"));
    }

    [Fact]
    public async Task ResourcesUnsubscribe_NeverSubscribed_Succeeds()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Assert.Empty(Rpc.Result(await session.RequestAsync("resources/unsubscribe", """{"uri":"file:///x"}""")));
    }

    [Theory]
    [InlineData("""{"uri":"not a uri"}""", "Invalid params: uri must be an absolute URI.")]
    [InlineData("""{"uri":"relative/path"}""", "Invalid params: uri must be an absolute URI.")]
    [InlineData("{}", "Invalid params for resources/subscribe.")]
    public async Task ResourcesSubscribe_InvalidUri_IsInvalidParams(string parameters, string expected)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("resources/subscribe", parameters);

        Assert.Equal(expected, Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
        Assert.Empty(session.Session.Subscriptions);
    }

    [Fact]
    public async Task PromptsList_DescribesArgumentsAndRequiredness()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/list"));

        JsonNode review = result["prompts"]!.AsArray().Single(p => (string?)p!["name"] == "code_review")!;
        JsonAssertions.Equivalent(
            """
            {"name":"code_review","description":"Asks for a code review.","arguments":[
              {"name":"language","description":"The language.","required":true},
              {"name":"focus","required":false}]}
            """,
            review);
    }

    [Fact]
    public async Task PromptsGet_WithArguments_RendersAUserMessage()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"code_review","arguments":{"language":"C#","focus":"naming"}}"""));

        JsonAssertions.Equivalent("""{"messages":[{"role":"user","content":{"type":"text","text":"Review this C# code, focusing on naming."}}]}""", result);
    }

    [Fact]
    public async Task PromptsGet_OptionalArgumentOmitted_UsesItsDefault()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("prompts/get", """{"name":"code_review","arguments":{"language":"Go"}}"""));

        Assert.Equal("Review this Go code.", (string?)result["messages"]![0]!["content"]!["text"]);
    }

    [Theory]
    [InlineData("""{"name":"code_review"}""")]
    [InlineData("""{"name":"code_review","arguments":{}}""")]
    [InlineData("""{"name":"code_review","arguments":{"focus":"naming"}}""")]
    public async Task PromptsGet_MissingRequiredArgument_IsInvalidParams(string parameters)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", parameters);

        Assert.Equal("Invalid arguments for prompt 'code_review': Missing required argument 'language'.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task PromptsGet_UnknownPrompt_IsInvalidParams()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", """{"name":"nope"}""");

        Assert.Equal("Unknown prompt: nope", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task PromptsGet_EnumArgumentByName_Binds()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("prompts/get", """{"name":"paint","arguments":{"style":"rust","color":"Green"}}""");

        Assert.Equal("rust:Green", (string?)Rpc.Result(response)["messages"]![0]!["content"]!["text"]);
    }

    [Fact]
    public async Task CompletionComplete_PromptArgumentWithCompletions_FiltersByPrefixIgnoringCase()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"paint"},"argument":{"name":"style","value":"PY"}}"""));

        JsonAssertions.Equivalent("""{"completion":{"values":["python","pytorch"],"total":2,"hasMore":false}}""", result);
    }

    [Fact]
    public async Task CompletionComplete_EnumTypedArgument_CompletesFromItsNames()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject all = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"paint"},"argument":{"name":"color","value":""}}"""));
        JsonObject some = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"paint"},"argument":{"name":"color","value":"g"}}"""));

        Assert.Equal(["Red", "Green", "Blue"], all["completion"]!["values"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(["Green"], some["completion"]!["values"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task CompletionComplete_ArgumentWithoutSuggestions_ReturnsEmptyValues()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"code_review"},"argument":{"name":"language","value":"c"}}"""));

        JsonAssertions.Equivalent("""{"completion":{"values":[]}}""", result);
    }

    [Fact]
    public async Task CompletionComplete_TemplateVariable_UsesItsCompletions()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/resource","uri":"users://{id}/profile"},"argument":{"name":"id","value":"al"}}"""));

        Assert.Equal(["alice", "albert"], result["completion"]!["values"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("""{"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"a","value":""}}""", "Unknown prompt: nope")]
    [InlineData("""{"ref":{"type":"ref/prompt"},"argument":{"name":"a","value":""}}""", "Unknown prompt: ")]
    [InlineData("""{"ref":{"type":"ref/resource","uri":"nope://{x}"},"argument":{"name":"x","value":""}}""", "Unknown resource template: nope://{x}")]
    [InlineData("""{"ref":{"type":"ref/tool","name":"add"},"argument":{"name":"a","value":""}}""", "Invalid params: ref.type must be ref/prompt or ref/resource.")]
    [InlineData("""{"ref":{"type":"ref/prompt","name":"paint"}}""", "Invalid params for completion/complete.")]
    public async Task CompletionComplete_InvalidReference_IsInvalidParams(string parameters, string expected)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("completion/complete", parameters);

        Assert.Equal(expected, Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task CompletionComplete_MoreThan100Candidates_CapsAt100WithTotalAndHasMore()
    {
        await using TestServer server = TestServer.Create(b => b.WithPrimitives(typeof(Primitives)).WithCompletionHandler((_, request) =>
            ValueTask.FromResult<Completion?>(request.Ref.Name == "many"
                ? new Completion { Values = [.. Enumerable.Range(0, 150).Select(i => $"v{i:D3}")] }
                : null)));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"many"},"argument":{"name":"item","value":""}}"""));

        JsonArray values = result["completion"]!["values"]!.AsArray();
        Assert.Equal(100, values.Count);
        Assert.Equal("v000", (string?)values[0]);
        Assert.Equal("v099", (string?)values[99]);
        Assert.Equal(150, (int)result["completion"]!["total"]!);
        Assert.True((bool)result["completion"]!["hasMore"]!);
    }

    [Fact]
    public async Task CompletionComplete_CustomHandlerReturningNull_FallsBackToBuiltInSuggestions()
    {
        int calls = 0;
        await using TestServer server = TestServer.Create(b => b.WithPrimitives(typeof(Primitives)).WithCompletionHandler((context, request) =>
        {
            calls++;
            Assert.Equal("completion/complete", context.Method);
            return ValueTask.FromResult<Completion?>(null);
        }));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"paint"},"argument":{"name":"style","value":"ru"}}"""));

        Assert.Equal(1, calls);
        Assert.Equal(["rust"], result["completion"]!["values"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task CompletionComplete_CustomHandlerSeesContextArguments()
    {
        Dictionary<string, string>? seen = null;
        await using TestServer server = TestServer.Create(b => b.WithPrimitives(typeof(Primitives)).WithCompletionHandler((_, request) =>
        {
            seen = request.Context?.Arguments;
            return ValueTask.FromResult<Completion?>(new Completion { Values = ["flask"] });
        }));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("completion/complete", """{"ref":{"type":"ref/prompt","name":"paint"},"argument":{"name":"style","value":"fla"},"context":{"arguments":{"language":"python"}}}"""));

        Assert.Equal("python", seen!["language"]);
        Assert.Equal(["flask"], result["completion"]!["values"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("debug")]
    [InlineData("warning")]
    [InlineData("emergency")]
    public async Task LoggingSetLevel_ValidLevel_IsStoredOnTheSession(string level)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Assert.Empty(Rpc.Result(await session.RequestAsync("logging/setLevel", $$"""{"level":"{{level}}"}""")));

        Assert.Equal(level, System.Text.Json.JsonSerializer.Serialize(session.Session.LogLevel, McpJsonContext.Default.Options).Trim('"'));
    }

    [Theory]
    [InlineData("""{"level":"loud"}""")]
    [InlineData("""{"level":"Warning"}""")]
    [InlineData("""{"level":4}""")]
    [InlineData("{}")]
    [InlineData(null)]
    public async Task LoggingSetLevel_InvalidLevel_IsInvalidParamsAndKeepsTheLevel(string? parameters)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("logging/setLevel", parameters);

        Assert.Equal("Invalid params for logging/setLevel.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
        Assert.Equal(LoggingLevel.Info, session.Session.LogLevel);
    }

    [Fact]
    public async Task LoggingLevel_BeforeSetLevel_IsTheConfiguredDefault()
    {
        await using TestServer server = CreateServer(o => o.DefaultClientLogLevel = LoggingLevel.Error);
        TestSession session = await server.InitializedSessionAsync();

        Assert.Equal(LoggingLevel.Error, session.Session.LogLevel);
    }
}
