using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// What modern answers look like on real Kestrel: <c>resultType</c> and the server's identity on every result, caching
/// hints on <c>server/discover</c>, the four lists and <c>resources/read</c>, the discover result itself, an unknown
/// resource as -32602 with <c>data.uri</c> (legacy keeps -32002), a missing client capability as a JSON 400 with
/// <c>requiredCapabilities</c>, logs only when the request asked for them, and progress as SSE before the result.
/// </summary>
public sealed class ModernResultTests : IAsyncLifetime
{
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ModernServers.StartAsync(o => o.ConfigureServer = s =>
    {
        s.ServerInfo = new Implementation { Name = "modern-tests", Version = "9.8.7" };
        s.Instructions = "Use the tools.";
        s.Caching.Lists = new McpCacheHint(TimeSpan.FromMinutes(5), McpCacheScopes.Public);
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Discover_ReturnsVersionsCapabilitiesIdentityAndCachingHints()
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("\"d-1\"", McpMethods.ServerDiscover));

        Assert.False(answer.IsSse);
        JsonElement result = ModernAssert.Result(answer, "\"d-1\"");
        Assert.Equal(McpProtocolVersions.All, result.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()));
        ModernAssert.Cacheable(result);
        JsonElement serverInfo = result.GetProperty("_meta").GetProperty(McpMetaKeys.ServerInfo);
        Assert.Equal("modern-tests", serverInfo.GetProperty("name").GetString());
        Assert.Equal("9.8.7", serverInfo.GetProperty("version").GetString());
        Assert.Equal("Use the tools.", result.GetProperty("instructions").GetString());

        JsonElement capabilities = result.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("tools").GetProperty("listChanged").GetBoolean());
        Assert.True(capabilities.GetProperty("prompts").GetProperty("listChanged").GetBoolean());
        Assert.True(capabilities.GetProperty("resources").GetProperty("subscribe").GetBoolean());
        Assert.Equal(JsonValueKind.Object, capabilities.GetProperty("completions").ValueKind);
        Assert.Equal(JsonValueKind.Object, capabilities.GetProperty("logging").ValueKind);

        // 2026-07-28 removed the v1 tasks slot; tasks live under extensions now.
        Assert.False(capabilities.TryGetProperty("tasks", out _), capabilities.GetRawText());
    }

    [Theory]
    [InlineData(McpMethods.ToolsList, "tools")]
    [InlineData(McpMethods.PromptsList, "prompts")]
    [InlineData(McpMethods.ResourcesList, "resources")]
    [InlineData(McpMethods.ResourcesTemplatesList, "resourceTemplates")]
    public async Task List_CarriesResultTypeIdentityAndTheConfiguredCachingHints(string method, string member)
    {
        JsonElement result = ModernAssert.Result(await ModernWire.ExchangeAsync(_server, ModernWire.Request("2", method)), "2");

        Assert.True(result.GetProperty(member).GetArrayLength() > 0, result.GetRawText());
        ModernAssert.Cacheable(result, expectedTtlMs: 300_000, expectedScope: McpCacheScopes.Public);
    }

    [Fact]
    public async Task ReadResource_CarriesResultTypeIdentityAndCachingHints()
    {
        JsonElement result = ModernAssert.Result(await ModernWire.ExchangeAsync(_server, ModernWire.Request("3", McpMethods.ResourcesRead, """{"uri":"test://static/hello"}""")), "3");

        Assert.Equal("hello", result.GetProperty("contents")[0].GetProperty("text").GetString());
        ModernAssert.Cacheable(result, expectedTtlMs: 0, expectedScope: McpCacheScopes.Private);
    }

    public static TheoryData<string, string> OtherMethods => new()
    {
        { McpMethods.ToolsCall, """{"name":"echo","arguments":{"text":"hi"}}""" },
        { McpMethods.PromptsGet, """{"name":"greet","arguments":{"name":"Ada"}}""" },
        { McpMethods.CompletionComplete, """{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"name","value":"a"}}""" },
    };

    [Theory]
    [MemberData(nameof(OtherMethods))]
    public async Task OtherResults_CarryResultTypeAndIdentity_ButNoCachingHints(string method, string parameters)
    {
        JsonElement result = ModernAssert.Result(await ModernWire.ExchangeAsync(_server, ModernWire.Request("4", method, parameters)), "4");

        Assert.False(result.TryGetProperty("ttlMs", out _), result.GetRawText());
        Assert.False(result.TryGetProperty("cacheScope", out _), result.GetRawText());
    }

    [Fact]
    public async Task ReadResource_UnknownUri_IsInvalidParamsNamingTheUri()
    {
        const string uri = "test://no/such/thing";

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("5", McpMethods.ResourcesRead, $$"""{"uri":"{{uri}}"}"""));

        JsonElement error = ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "5");
        Assert.Equal(uri, error.GetProperty("data").GetProperty("uri").GetString());
        Assert.False(answer.IsSse);
    }

    [Fact]
    public async Task ReadResource_UnknownUriInALegacySession_StaysResourceNotFound()
    {
        using var client = new McpTestClient(_server.McpEndpoint);
        await client.InitializeAsync();

        JsonElement message = await client.SendRequestAsync(McpMethods.ResourcesRead, """{"uri":"test://no/such/thing"}""");

        Assert.Equal(JsonRpcErrorCodes.ResourceNotFound, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CallTool_NeedingAnUndeclaredCapability_Returns400MissingCapabilityWithTheRequiredObject()
    {
        RawHttpRequest request = ModernWire.Request("\"c\"", McpMethods.ToolsCall, """{"name":"ask_name"}""", capabilitiesJson: "{}");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        JsonElement error = ModernAssert.Error(answer, 400, JsonRpcErrorCodes.MissingRequiredClientCapability, "\"c\"");
        JsonElement required = error.GetProperty("data").GetProperty("requiredCapabilities");
        Assert.Equal(JsonValueKind.Object, required.ValueKind);
        Assert.Equal(JsonValueKind.Object, required.GetProperty("elicitation").ValueKind);
    }

    [Fact]
    public async Task CallTool_FormElicitationWithOnlyUrlDeclared_Returns400MissingCapability()
    {
        RawHttpRequest request = ModernWire.Request("6", McpMethods.ToolsCall, """{"name":"ask_name"}""", capabilitiesJson: """{"elicitation":{"url":{}}}""");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.MissingRequiredClientCapability, "6");
    }

    [Fact]
    public async Task CallTool_LoggingWithoutLogLevel_SendsNoLogMessage()
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("7", McpMethods.ToolsCall, """{"name":"log"}"""));

        Assert.Equal("logged", ModernAssert.ToolText(ModernAssert.Result(answer, "7")));
        Assert.Empty(answer.Notifications);
        Assert.False(answer.IsSse, "Without logs nothing precedes the result: it is plain JSON.");
    }

    [Theory]
    [InlineData("debug", true)]
    [InlineData("info", true)]
    [InlineData("warning", false)]
    public async Task CallTool_LoggingWithLogLevel_SendsMessagesAtOrAboveItBeforeTheResult(string level, bool expected)
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("8", McpMethods.ToolsCall, """{"name":"log"}""", logLevel: level));

        Assert.Equal("logged", ModernAssert.ToolText(ModernAssert.Result(answer, "8")));
        JsonElement[] logs = [.. answer.Notifications.Where(n => n.GetProperty("method").GetString() == McpMethods.NotificationMessage)];
        Assert.Equal(expected ? 1 : 0, logs.Length);
        if (expected)
        {
            Assert.Equal("info", logs[0].GetProperty("params").GetProperty("level").GetString());
        }
    }

    [Fact]
    public async Task CallTool_WithInvalidLogLevel_IsRejected()
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("9", McpMethods.ToolsCall, """{"name":"log"}""", logLevel: "loud"));

        Assert.Empty(answer.Notifications);
        ModernAssert.Rejection(answer, McpRejection.InvalidRequestMeta, "9");
    }

    [Theory]
    [InlineData("\"p-1\"")]
    [InlineData("17")]
    public async Task CallTool_WithProgressToken_StreamsProgressAsSseBeforeTheResult(string token)
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("10", McpMethods.ToolsCall, """{"name":"progress","arguments":{"steps":3}}""", progressTokenJson: token));

        Assert.True(answer.IsSse, answer.Head.ToString());
        Assert.Equal("no", answer.Head.Header("X-Accel-Buffering"));
        Assert.Equal("progress done", ModernAssert.ToolText(ModernAssert.Result(answer, "10")));
        JsonElement[] progress = [.. answer.Notifications];
        Assert.Equal(3, progress.Length);
        for (int i = 0; i < progress.Length; i++)
        {
            Assert.Equal(McpMethods.NotificationProgress, progress[i].GetProperty("method").GetString());
            Assert.Equal(token, progress[i].GetProperty("params").GetProperty("progressToken").GetRawText());
            Assert.Equal(i + 1, progress[i].GetProperty("params").GetProperty("progress").GetDouble());
        }

        // Modern streams are not resumable: no event ids, no retry hints, no priming event.
        Assert.All(answer.Events, e => Assert.Null(e.Id));
        Assert.All(answer.Events, e => Assert.Null(e.RetryMilliseconds));
        Assert.All(answer.Events, e => Assert.True(e.HasMessage, $"unexpected block: {e.Raw}"));
    }

    [Fact]
    public async Task CallTool_WithoutProgressToken_AnswersJson()
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("11", McpMethods.ToolsCall, """{"name":"progress","arguments":{"steps":3}}"""));

        Assert.False(answer.IsSse);
        Assert.Equal(answer.Head.Body.Length, answer.Head.ContentLength);
        Assert.Equal("progress done", ModernAssert.ToolText(ModernAssert.Result(answer, "11")));
    }
}
