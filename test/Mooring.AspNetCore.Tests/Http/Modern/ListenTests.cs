using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// <c>subscriptions/listen</c> on real Kestrel: the acknowledgement comes first and names the subscription by the
/// request's id (with its JSON type); only the notifications asked for are delivered, each tagged; a quiet stream gets
/// comment heartbeats; the stream holds a <see cref="McpBudget.ListenStreams"/> lease until the client leaves; over the
/// cap the answer is 503; and a draining server ends the stream with notifications/cancelled, then the final result.
/// </summary>
public sealed class ListenTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData("7")]
    [InlineData("\"listen-a\"")]
    public async Task Listen_AcknowledgesFirst_WithTheRequestIdAsSubscriptionId(string idJson)
    {
        await using KestrelTestServer server = await StartAsync();
        await using RawHttpClient listen = await OpenAsync(server, idJson, """{"toolsListChanged":true,"promptsListChanged":false,"resourceSubscriptions":["test://static/hello","test://static/hello"]}""");

        JsonElement ack = await NextMessageAsync(listen);

        Assert.Equal(McpMethods.NotificationSubscriptionsAcknowledged, ack.GetProperty("method").GetString());
        Assert.False(ack.TryGetProperty("id", out _));
        JsonElement parameters = ack.GetProperty("params");
        Assert.Equal(idJson, SubscriptionId(parameters).GetRawText());

        // The honoured subset: what was asked and is offered, without the false flag, duplicates removed.
        JsonElement accepted = parameters.GetProperty("notifications");
        Assert.True(accepted.GetProperty("toolsListChanged").GetBoolean());
        Assert.False(accepted.TryGetProperty("promptsListChanged", out _), accepted.GetRawText());
        Assert.False(accepted.TryGetProperty("resourcesListChanged", out _), accepted.GetRawText());
        Assert.Equal(["test://static/hello"], accepted.GetProperty("resourceSubscriptions").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task Listen_ToolsOnly_DeliversToolChangesButNotPromptChanges()
    {
        await using KestrelTestServer server = await StartAsync();
        await using RawHttpClient listen = await OpenAsync(server, "1", """{"toolsListChanged":true}""");
        await NextMessageAsync(listen);

        // The prompt change goes first: had it been delivered, it would be the next message.
        Assert.True(server.McpServer.Prompts.Remove("greet"));
        Assert.True(server.McpServer.Tools.Remove("add"));

        JsonElement changed = await NextMessageAsync(listen);
        Assert.Equal(McpMethods.NotificationToolListChanged, changed.GetProperty("method").GetString());
        Assert.Equal("1", SubscriptionId(changed.GetProperty("params")).GetRawText());
        await AssertQuietAsync(listen);
    }

    [Fact]
    public async Task Listen_PromptsOnly_DeliversPromptChangesButNotToolChanges()
    {
        await using KestrelTestServer server = await StartAsync();
        await using RawHttpClient listen = await OpenAsync(server, "\"p\"", """{"promptsListChanged":true}""");
        await NextMessageAsync(listen);

        Assert.True(server.McpServer.Tools.Remove("add"));
        Assert.True(server.McpServer.Prompts.Remove("greet"));

        JsonElement changed = await NextMessageAsync(listen);
        Assert.Equal(McpMethods.NotificationPromptListChanged, changed.GetProperty("method").GetString());
        Assert.Equal("\"p\"", SubscriptionId(changed.GetProperty("params")).GetRawText());
        await AssertQuietAsync(listen);
    }

    [Fact]
    public async Task Listen_ResourceSubscription_DeliversUpdatesForThatUriOnly()
    {
        const string watched = "test://static/hello";
        await using KestrelTestServer server = await StartAsync();
        await using RawHttpClient listen = await OpenAsync(server, "2", $$"""{"resourceSubscriptions":["{{watched}}"]}""");
        await NextMessageAsync(listen);

        Assert.Equal(0, server.McpServer.NotifyResourceUpdated("test://items/other"));
        Assert.Equal(1, server.McpServer.NotifyResourceUpdated(watched));

        JsonElement updated = await NextMessageAsync(listen);
        Assert.Equal(McpMethods.NotificationResourceUpdated, updated.GetProperty("method").GetString());
        Assert.Equal(watched, updated.GetProperty("params").GetProperty("uri").GetString());
        Assert.Equal("2", SubscriptionId(updated.GetProperty("params")).GetRawText());
        await AssertQuietAsync(listen);
    }

    [Fact]
    public async Task Listen_TwoSubscriptions_EachGetsItsOwnTaggedCopy()
    {
        const string watched = "test://static/hello";
        await using KestrelTestServer server = await StartAsync();
        await using RawHttpClient first = await OpenAsync(server, "1", $$"""{"resourceSubscriptions":["{{watched}}"]}""");
        await using RawHttpClient second = await OpenAsync(server, "\"two\"", $$"""{"resourceSubscriptions":["{{watched}}"]}""");
        await NextMessageAsync(first);
        await NextMessageAsync(second);

        Assert.Equal(2, server.McpServer.NotifyResourceUpdated(watched));

        Assert.Equal("1", SubscriptionId((await NextMessageAsync(first)).GetProperty("params")).GetRawText());
        Assert.Equal("\"two\"", SubscriptionId((await NextMessageAsync(second)).GetProperty("params")).GetRawText());
    }

    [Fact]
    public async Task Listen_Quiet_SendsCommentHeartbeats()
    {
        await using KestrelTestServer server = await StartAsync(o => o.ConfigureHttp = h => h.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        await using RawHttpClient listen = await OpenAsync(server, "3", """{"toolsListChanged":true}""");
        await NextMessageAsync(listen);

        SseEvent heartbeat = (await listen.ReadSseEventAsync())!;

        Assert.False(heartbeat.HasMessage, heartbeat.Raw);
        Assert.StartsWith(":", heartbeat.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Listen_HoldsAListenStreamLease_UntilTheClientLeaves(bool reset)
    {
        await using KestrelTestServer server = await StartAsync();
        McpResourceGovernor governor = server.McpServer.Governor;
        await using RawHttpClient listen = await OpenAsync(server, "4", """{"toolsListChanged":true}""");
        await NextMessageAsync(listen);
        Assert.Equal(1, governor.Held(McpBudget.ListenStreams));
        Assert.Equal(1, server.McpServer.Subscriptions.Count);
        Assert.Equal(0, governor.Held(McpBudget.Handlers));

        if (reset)
        {
            listen.Reset();
        }
        else
        {
            listen.CloseWithFin();
        }

        await Eventually.TrueAsync(() => governor.Held(McpBudget.ListenStreams) == 0, "the listen lease to end");
        await Eventually.TrueAsync(() => server.McpServer.Subscriptions.Count == 0, "the subscription to be removed");

        // Later notifications find nobody, and nothing is left queued.
        Assert.True(server.McpServer.Tools.Remove("add"));
        Assert.Equal(0, governor.QueuedMessages());
    }

    [Fact]
    public async Task Listen_OverTheCap_Returns503_AndAfterOneLeavesThereIsRoomAgain()
    {
        await using KestrelTestServer server = await StartAsync(o => o.ConfigureServer = s => s.Limits.MaxListenStreams = 1);
        await using RawHttpClient first = await OpenAsync(server, "1", """{"toolsListChanged":true}""");
        await NextMessageAsync(first);

        ModernAnswer refused = await ModernWire.ExchangeAsync(server, ListenRequest("\"second\"", """{"toolsListChanged":true}"""));

        ModernAssert.Rejection(refused, McpRejection.TooManyStreams, "\"second\"");
        Assert.Equal("1", refused.Head.Header("Retry-After"));
        first.CloseWithFin();
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.ListenStreams) == 0, "the first listen lease to end");
        await using RawHttpClient third = await OpenAsync(server, "3", """{"toolsListChanged":true}""");
        Assert.Equal(McpMethods.NotificationSubscriptionsAcknowledged, (await NextMessageAsync(third)).GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"notifications":5}""")]
    public async Task Listen_WithoutAFilter_IsInvalidParams(string parameters)
    {
        await using KestrelTestServer server = await StartAsync();

        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("\"x\"", McpMethods.SubscriptionsListen, parameters));

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "\"x\"");
        Assert.False(answer.IsSse);
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.ListenStreams));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"listen-d\"")]
    public async Task Listen_ServerDrains_SendsCancelledThenTheFinalResult(string idJson)
    {
        await using KestrelTestServer server = await StartAsync(o => o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromSeconds(5));
        await using RawHttpClient listen = await OpenAsync(server, idJson, """{"toolsListChanged":true}""");
        await NextMessageAsync(listen);

        Task drained = server.Services.GetRequiredService<McpHttpSessionManager>().BeginDrain();

        // notifications/cancelled for the listen request first (cancellation.mdx MUST), tagged like every frame.
        JsonElement cancelled = await NextMessageAsync(listen);
        Assert.Equal(McpMethods.NotificationCancelled, cancelled.GetProperty("method").GetString());
        Assert.Equal(idJson, cancelled.GetProperty("params").GetProperty("requestId").GetRawText());
        Assert.Equal(idJson, cancelled.GetProperty("params").GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetRawText());

        JsonElement final = await NextMessageAsync(listen);
        JsonElement result = JsonRpcAssert.ResultMessage(final.GetRawText(), idJson);
        Assert.Equal(McpResultTypes.Complete, result.GetProperty("resultType").GetString());
        Assert.Equal(idJson, result.GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId).GetRawText());
        Assert.Null(await listen.ReadSseMessageAsync());
        await drained.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.ListenStreams));

        // While draining, a new listen is refused like any new work.
        ModernAssert.Rejection(await ModernWire.ExchangeAsync(server, ListenRequest("9", """{"toolsListChanged":true}""")), McpRejection.Draining, "9");
    }

    private static Task<KestrelTestServer> StartAsync(Action<KestrelTestServerOptions>? configure = null) => ModernServers.StartAsync(configure);

    private static RawHttpRequest ListenRequest(string idJson, string filterJson) =>
        ModernWire.Request(idJson, McpMethods.SubscriptionsListen, $$"""{"notifications":{{filterJson}}}""");

    /// <summary>Opens a listen stream and checks its head; the acknowledgement is the next message.</summary>
    private static async Task<RawHttpClient> OpenAsync(KestrelTestServer server, string idJson, string filterJson)
    {
        RawHttpClient client = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await client.SendAndReadHeadAsync(ListenRequest(idJson, filterJson));
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        Assert.Empty(head.HeaderValues("Mcp-Session-Id"));
        return client;
    }

    private static async Task<JsonElement> NextMessageAsync(RawHttpClient client)
    {
        SseEvent e = await client.ReadSseMessageAsync() ?? throw new Xunit.Sdk.XunitException("The listen stream ended.");
        Assert.Null(e.Id);
        return ModernWire.Parse(e.Data!);
    }

    private static JsonElement SubscriptionId(JsonElement parameters) => parameters.GetProperty("_meta").GetProperty(McpMetaKeys.SubscriptionId);

    /// <summary>Nothing but heartbeats arrives for a while.</summary>
    private static async Task AssertQuietAsync(RawHttpClient client)
    {
        try
        {
            SseEvent? e = await client.ReadSseMessageAsync(Quiet);
            Assert.Fail($"Unexpected message: {e?.Raw ?? "end of stream"}");
        }
        catch (TimeoutException)
        {
            // Nothing came: as expected.
        }
    }
}
