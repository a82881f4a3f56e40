using System.Text.Json;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sse;

/// <summary>
/// The session's GET stream: server notifications unrelated to a request arrive on it, a newer GET supersedes an
/// older one (so a client whose stream broke silently can reconnect), and a broken GET stream can be resumed.
/// </summary>
public sealed class GetStreamTests
{
    [Fact]
    public async Task Get_WithSession_OpensStreamWithPrimingEvent()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient get = await RawHttpClient.ConnectAsync(server.BaseAddress);

        RawHttpResponse head = await get.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"));

        Assert.Equal(200, head.StatusCode);
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        Assert.True(head.IsChunked);
        SseEvent priming = (await get.ReadSseEventAsync())!;
        Assert.Equal("0.0", priming.Id);
        Assert.Equal(string.Empty, priming.Data);
    }

    [Fact]
    public async Task ToolListChange_WithGetStreamOpen_ArrivesOnIt()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient get = await OpenGetStreamAsync(server, session);

        server.McpServer.Tools.Add(McpServerTool.Create("late", () => "late", server.McpServer.Options));

        SseEvent e = (await get.ReadSseEventAsync())!;
        Assert.Equal("0.1", e.Id);
        Assert.Equal("notifications/tools/list_changed", Method(e));
        JsonElement tools = await client.CallAsync("tools/list");
        Assert.Contains(tools.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "late");
    }

    [Fact]
    public async Task ResourceUpdated_WithGetStreamOpen_ArrivesOnlyForSubscribedUri()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await client.CallAsync("resources/subscribe", $$"""{"uri":"{{TestResources.HelloUri}}"}""");
        await using RawHttpClient get = await OpenGetStreamAsync(server, session);

        Assert.Equal(0, server.McpServer.NotifyResourceUpdated("test://items/not-subscribed"));
        Assert.Equal(1, server.McpServer.NotifyResourceUpdated(TestResources.HelloUri));

        SseEvent e = (await get.ReadSseEventAsync())!;
        Assert.Equal("0.1", e.Id);
        Assert.Equal("notifications/resources/updated", Method(e));
        using JsonDocument message = JsonDocument.Parse(e.Data!);
        Assert.Equal(TestResources.HelloUri, message.RootElement.GetProperty("params").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Get_WhileAnotherGetStreamIsOpen_SupersedesAndEndsIt()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient first = await OpenGetStreamAsync(server, session);

        await using RawHttpClient second = await OpenGetStreamAsync(server, session);

        Assert.Null(await first.ReadSseEventAsync());
        Assert.Equal(1, server.McpServer.NotifyResourceUpdated(await SubscribeAsync(client)));
        Assert.Equal("notifications/resources/updated", Method((await second.ReadSseEventAsync())!));
    }

    [Fact]
    public async Task Get_AfterClientResetItsStream_NewStreamReceivesLaterNotifications()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        string uri = await SubscribeAsync(client);
        RawHttpClient broken = await OpenGetStreamAsync(server, session);
        broken.Reset();
        await broken.DisposeAsync();
        await Eventually.LoggedAsync(server, Eventually.ClientDisconnected);

        await using RawHttpClient fresh = await OpenGetStreamAsync(server, session);
        server.McpServer.NotifyResourceUpdated(uri);

        Assert.Equal("notifications/resources/updated", Method((await fresh.ReadSseEventAsync())!));
    }

    [Fact]
    public async Task Get_ResumeWithLastEventId_ReplaysNotificationsMissedWhileDisconnected()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        string uri = await SubscribeAsync(client);
        await using (RawHttpClient broken = await OpenGetStreamAsync(server, session))
        {
            server.McpServer.NotifyResourceUpdated(uri);
            Assert.Equal("0.1", (await broken.ReadSseEventAsync())!.Id);
            broken.Reset();
        }

        await Eventually.LoggedAsync(server, Eventually.ClientDisconnected);
        server.McpServer.Tools.Add(McpServerTool.Create("missed", () => "missed", server.McpServer.Options));
        server.McpServer.NotifyResourceUpdated(uri);

        await using RawHttpClient resumed = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await resumed.SendAndReadHeadAsync(RawHttpRequest.Get(session, lastEventId: "0.1"))).StatusCode);
        SseEvent second = (await resumed.ReadSseEventAsync())!;
        SseEvent third = (await resumed.ReadSseEventAsync())!;
        Assert.Equal(("0.2", "notifications/tools/list_changed"), (second.Id, Method(second)));
        Assert.Equal(("0.3", "notifications/resources/updated"), (third.Id, Method(third)));

        server.McpServer.NotifyResourceUpdated(uri);
        Assert.Equal("0.4", (await resumed.ReadSseEventAsync())!.Id);
    }

    [Fact]
    public async Task Get_WithoutSession_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(null)), McpRejection.SessionRequired);
    }

    [Fact]
    public async Task Get_WithUnknownSession_Returns404()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get("nope")), McpRejection.SessionNotFound);
    }

    private static async Task<RawHttpClient> OpenGetStreamAsync(KestrelTestServer server, string session)
    {
        RawHttpClient get = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await get.SendAndReadHeadAsync(RawHttpRequest.Get(session));
        Assert.Equal(200, head.StatusCode);
        SseEvent priming = (await get.ReadSseEventAsync())!;
        Assert.False(priming.HasMessage, "A GET stream starts with its priming event.");
        return get;
    }

    private static async Task<string> SubscribeAsync(McpTestClient client)
    {
        await client.CallAsync("resources/subscribe", $$"""{"uri":"{{TestResources.HelloUri}}"}""");
        return TestResources.HelloUri;
    }

    private static string? Method(SseEvent e)
    {
        using JsonDocument message = JsonDocument.Parse(e.Data!);
        return message.RootElement.GetProperty("method").GetString();
    }
}
