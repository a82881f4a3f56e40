using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server.Stdio.Tests;

/// <summary>The modern era (2026-07-28) over stdio, next to the legacy session in the same process.</summary>
[Collection("stdio")] // StdioTools holds static signals: one test at a time.
public sealed class McpStdioTransportModernTests
{
    public McpStdioTransportModernTests() => StdioTools.Reset();

    private static Task<StdioTestServer> StartAsync(Action<McpServerOptions>? server = null) =>
        StdioTestServer.StartAsync(b =>
        {
            b.WithPrimitives(typeof(StdioTools));
            if (server is not null)
            {
                b.Services.Configure(server);
            }
        });

    [Fact]
    public async Task Discover_WithoutInitialize_AnswersModern_AndOpensNoSession()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("1", McpMethods.ServerDiscover);
        (JsonElement response, List<JsonElement> before) = await server.ReadResponseAsync(1);

        Assert.Empty(before);
        JsonElement result = response.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        string?[] versions = [.. result.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString())];
        Assert.Contains("2026-07-28", versions);
        Assert.Contains("2025-11-25", versions);
        Assert.True(result.TryGetProperty("ttlMs", out _));
        Assert.True(result.TryGetProperty("cacheScope", out _));
        Assert.Equal(JsonValueKind.Object, result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").ValueKind);
        Assert.Empty(server.Services.GetRequiredService<McpServer>().Sessions);
    }

    [Fact]
    public async Task ToolsCall_Modern_WritesProgressBeforeTheResult()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("2", McpMethods.ToolsCall, "\"name\":\"progress\"", metaExtra: "\"progressToken\":\"p-1\"");
        (JsonElement response, List<JsonElement> before) = await server.ReadResponseAsync(2);

        JsonElement result = response.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Equal("done", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal([1.0, 2.0, 3.0], before.Select(m => m.GetProperty("params").GetProperty("progress").GetDouble()));
        Assert.All(before, m => Assert.Equal(McpMethods.NotificationProgress, m.GetProperty("method").GetString()));
        Assert.All(before, m => Assert.Equal("p-1", m.GetProperty("params").GetProperty("progressToken").GetString()));
    }

    [Theory]
    [InlineData("""{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}""")] // no clientCapabilities
    [InlineData("""{"io.modelcontextprotocol/protocolVersion":5,"io.modelcontextprotocol/clientCapabilities":{}}""")] // not a string
    [InlineData("""{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}""")] // not an object
    public async Task ModernRequest_WithInvalidMeta_Returns32602(string meta)
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"_meta\":" + meta + "}}");
        (JsonElement response, _) = await server.ReadResponseAsync(3);

        Assert.Equal(JsonRpcErrorCodes.InvalidParams, response.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ModernRequest_WithUnsupportedVersion_Returns32022WithSupportedAndRequested()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":\"v\",\"method\":\"server/discover\",\"params\":{\"_meta\":{" + StdioTestServer.ModernMeta(version: "2099-01-01") + "}}}");
        (JsonElement response, _) = await server.ReadResponseAsync("v");

        JsonElement error = response.GetProperty("error");
        Assert.Equal(JsonRpcErrorCodes.UnsupportedProtocolVersion, error.GetProperty("code").GetInt32());
        Assert.Equal("2099-01-01", error.GetProperty("data").GetProperty("requested").GetString());
        Assert.Contains("2026-07-28", error.GetProperty("data").GetProperty("supported").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData(McpMethods.Ping)]
    [InlineData(McpMethods.Initialize)]
    [InlineData(McpMethods.LoggingSetLevel)]
    [InlineData(McpMethods.ResourcesSubscribe)]
    [InlineData("no/such/method")]
    public async Task ModernRequest_ForARemovedOrUnknownMethod_Returns32601(string method)
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("4", method);
        (JsonElement response, _) = await server.ReadResponseAsync(4);

        Assert.Equal(JsonRpcErrorCodes.MethodNotFound, response.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ModernInitialize_DoesNotSelectTheLegacyEra()
    {
        await using StdioTestServer server = await StartAsync();

        // Tagged with modern _meta, initialize is a modern request for a removed method; it opens no session.
        await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"},\"_meta\":{" + StdioTestServer.ModernMeta() + "}}}");
        (JsonElement rejected, _) = await server.ReadResponseAsync(1);
        Assert.Equal(JsonRpcErrorCodes.MethodNotFound, rejected.GetProperty("error").GetProperty("code").GetInt32());

        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}""");
        (JsonElement legacy, _) = await server.ReadResponseAsync(2);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, legacy.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CancelledNotification_CancelsTheModernHandler_AndNoResponseIsWritten()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("1", McpMethods.ToolsCall, "\"name\":\"wait_for_cancel\"", metaExtra: "\"progressToken\":1");
        await server.SendCancelledAsync("1");
        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The next line is the discover answer: the cancelled request got nothing.
        await server.SendModernAsync("2", McpMethods.ServerDiscover);
        JsonElement next = await server.ReadAsync();
        Assert.Equal(2, next.GetProperty("id").GetInt32());
        await Eventually(() => server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.Handlers) == 0);
    }

    [Fact]
    public async Task ModernRequest_WithAnIdInFlight_IsRejectedAsADuplicate()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("1", McpMethods.ToolsCall, "\"name\":\"wait_for_cancel\"");
        await server.SendModernAsync("1", McpMethods.ServerDiscover);
        (JsonElement duplicate, _) = await server.ReadResponseAsync(1);

        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, duplicate.GetProperty("error").GetProperty("code").GetInt32());
        await server.SendCancelledAsync("1");
        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ModernRequests_OverTheHandlerBudget_AreRefused()
    {
        await using StdioTestServer server = await StartAsync(o => o.Limits.MaxConcurrentRequests = 1);

        await server.SendModernAsync("1", McpMethods.ToolsCall, "\"name\":\"wait_for_cancel\"");
        await Eventually(() => server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.Handlers) == 1);
        await server.SendModernAsync("2", McpMethods.ToolsCall, "\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}");
        (JsonElement refused, _) = await server.ReadResponseAsync(2);

        Assert.Equal(JsonRpcErrorCodes.ServerError, refused.GetProperty("error").GetProperty("code").GetInt32());
        await server.SendCancelledAsync("1");
        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ToolsCall_NeedingInput_ReturnsInputRequired_ThenCompletesOnTheRetry()
    {
        await using StdioTestServer server = await StartAsync();
        const string Capabilities = """{"elicitation":{}}""";

        await server.SendModernAsync("1", McpMethods.ToolsCall, "\"name\":\"ask_name\"", Capabilities);
        (JsonElement first, List<JsonElement> before) = await server.ReadResponseAsync(1);

        // No server-to-client request: the need comes back as a result.
        Assert.Empty(before);
        JsonElement input = first.GetProperty("result");
        Assert.Equal("input_required", input.GetProperty("resultType").GetString());
        Assert.Equal(McpMethods.ElicitationCreate, input.GetProperty("inputRequests").GetProperty("user_name").GetProperty("method").GetString());
        string state = input.GetProperty("requestState").GetString()!;

        await server.SendModernAsync(
            "2",
            McpMethods.ToolsCall,
            "\"name\":\"ask_name\",\"inputResponses\":{\"user_name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}},\"requestState\":" + JsonSerializer.Serialize(state),
            Capabilities);
        (JsonElement second, _) = await server.ReadResponseAsync(2);

        JsonElement result = second.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Equal("Hello, Ada!", result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Listen_AcknowledgesFirst_DeliversTaggedListChanges_AndEndsSilentlyOnCancel()
    {
        await using StdioTestServer server = await StartAsync();
        McpServer core = server.Services.GetRequiredService<McpServer>();

        await server.SendModernAsync("\"listen-1\"", McpMethods.SubscriptionsListen, "\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":false}");
        JsonElement ack = await server.ReadAsync();
        Assert.Equal(McpMethods.NotificationSubscriptionsAcknowledged, ack.GetProperty("method").GetString());
        Assert.Equal("listen-1", ack.GetProperty("params").GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetString());
        JsonElement accepted = ack.GetProperty("params").GetProperty("notifications");
        Assert.True(accepted.GetProperty("toolsListChanged").GetBoolean());
        Assert.False(accepted.TryGetProperty("promptsListChanged", out _));
        Assert.Equal(1, core.Governor.Held(McpBudget.ListenStreams));

        core.Tools.Add(McpServerTool.Create("added_tool", () => "added", core.Options));
        JsonElement changed = await server.ReadAsync();
        Assert.Equal(McpMethods.NotificationToolListChanged, changed.GetProperty("method").GetString());
        Assert.Equal("listen-1", changed.GetProperty("params").GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetString());

        await server.SendCancelledAsync("\"listen-1\"");
        await Eventually(() => core.Governor.Held(McpBudget.ListenStreams) == 0 && core.Subscriptions.Count == 0);

        // Nothing more for the cancelled stream: neither the next change nor a result.
        core.Tools.Add(McpServerTool.Create("added_later", () => "later", core.Options));
        await server.SendModernAsync("5", McpMethods.ServerDiscover);
        JsonElement next = await server.ReadAsync();
        Assert.Equal(5, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Listen_StdinClosed_SendsCancelledThenTheFinalResult()
    {
        await using StdioTestServer server = await StartAsync();
        McpServer core = server.Services.GetRequiredService<McpServer>();

        await server.SendModernAsync("7", McpMethods.SubscriptionsListen, "\"notifications\":{\"resourcesListChanged\":true}");
        JsonElement ack = await server.ReadAsync();
        Assert.Equal(McpMethods.NotificationSubscriptionsAcknowledged, ack.GetProperty("method").GetString());

        await server.CloseInputAsync();
        JsonElement cancelled = await server.ReadAsync();
        Assert.Equal(McpMethods.NotificationCancelled, cancelled.GetProperty("method").GetString());
        Assert.Equal(7, cancelled.GetProperty("params").GetProperty("requestId").GetInt32());
        Assert.Equal(7, cancelled.GetProperty("params").GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetInt32());

        JsonElement final = await server.ReadAsync();
        Assert.Equal(7, final.GetProperty("id").GetInt32());
        JsonElement result = final.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Equal(7, result.GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetInt32());
        await Eventually(() => core.Governor.Held(McpBudget.ListenStreams) == 0 && core.Subscriptions.Count == 0);
    }

    [Fact]
    public async Task Listen_OverTheStreamCap_IsRefused()
    {
        await using StdioTestServer server = await StartAsync(o => o.Limits.MaxListenStreams = 1);

        await server.SendModernAsync("1", McpMethods.SubscriptionsListen, "\"notifications\":{\"toolsListChanged\":true}");
        JsonElement ack = await server.ReadAsync();
        Assert.Equal(McpMethods.NotificationSubscriptionsAcknowledged, ack.GetProperty("method").GetString());

        await server.SendModernAsync("2", McpMethods.SubscriptionsListen, "\"notifications\":{\"toolsListChanged\":true}");
        (JsonElement refused, List<JsonElement> before) = await server.ReadResponseAsync(2);

        Assert.Empty(before);
        Assert.Equal(JsonRpcErrorCodes.ServerError, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(1, server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.ListenStreams));
    }

    [Fact]
    public async Task Listen_WithoutAFilter_Returns32602()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("1", McpMethods.SubscriptionsListen);
        (JsonElement response, List<JsonElement> before) = await server.ReadResponseAsync(1);

        Assert.Empty(before);
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(0, server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.ListenStreams));
    }

    [Fact]
    public async Task BothEras_ShareTheProcess_BeforeAndAfterInitialize()
    {
        await using StdioTestServer server = await StartAsync();

        await server.SendModernAsync("10", McpMethods.ToolsCall, "\"name\":\"echo\",\"arguments\":{\"text\":\"modern first\"}");
        (JsonElement before, _) = await server.ReadResponseAsync(10);
        Assert.Equal("modern first", before.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());

        await server.InitializeAsync();

        await server.SendModernAsync("11", McpMethods.ToolsCall, "\"name\":\"echo\",\"arguments\":{\"text\":\"modern after\"}");
        (JsonElement modern, _) = await server.ReadResponseAsync(11);
        Assert.Equal("complete", modern.GetProperty("result").GetProperty("resultType").GetString());

        await server.SendAsync("""{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"echo","arguments":{"text":"legacy"}}}""");
        (JsonElement legacy, _) = await server.ReadResponseAsync(12);
        Assert.Equal("legacy", legacy.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(legacy.GetProperty("result").TryGetProperty("resultType", out _));

        await server.SendAsync("""{"jsonrpc":"2.0","id":13,"method":"ping"}""");
        (JsonElement pong, _) = await server.ReadResponseAsync(13);
        Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);
        Assert.Single(server.Services.GetRequiredService<McpServer>().Sessions);
    }

    [Fact]
    public async Task CancelledNotification_ForALegacyRequest_ReachesTheSession_WhileModernRequestsRun()
    {
        await using StdioTestServer server = await StartAsync();
        await server.SendModernAsync("\"l\"", McpMethods.SubscriptionsListen, "\"notifications\":{\"toolsListChanged\":true}");
        _ = await server.ReadAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"wait_for_cancel"}}""");
        await Eventually(() => server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.Handlers) == 1);
        await server.SendCancelledAsync("1");

        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        JsonElement next = await server.ReadAsync();
        Assert.Equal(2, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task StdinClosed_CancelsModernHandlers_AndStopsTheApplication()
    {
        await using StdioTestServer server = await StartAsync();
        Task stopping = server.Stopping;

        await server.SendModernAsync("1", McpMethods.ToolsCall, "\"name\":\"wait_for_cancel\"");
        await Eventually(() => server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.Handlers) == 1);
        await server.CloseInputAsync();

        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually(() => server.Services.GetRequiredService<McpServer>().Governor.Held(McpBudget.Handlers) == 0);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 5 s");
            await Task.Delay(10);
        }
    }
}
