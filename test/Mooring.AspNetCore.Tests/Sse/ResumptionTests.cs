using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sse;

/// <summary>
/// Resuming a POST's SSE stream with GET + Last-Event-ID: the client gets exactly the events after the id it names,
/// in order, then the result; ids that name nothing resumable get 400.
/// </summary>
public sealed class ResumptionTests
{
    private const string GatedCall = """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"gated","_meta":{"progressToken":"r"}}}""";

    [Fact]
    public async Task Resume_AfterServerClosedStreamForReconnect_ReceivesLaterEventsLiveThenResult()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("gated", probe.ReconnectAroundGateAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient post = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await post.SendAndReadHeadAsync(RawHttpRequest.Post(GatedCall, session, "2025-11-25"));

        Assert.Equal("1.0", (await post.ReadSseEventAsync())!.Id);
        SseEvent before = (await post.ReadSseEventAsync())!;
        Assert.Equal("1.1", before.Id);
        Assert.Equal(1, Progress(before));
        SseEvent retry = (await post.ReadSseEventAsync())!;
        Assert.Equal(25, retry.RetryMilliseconds);
        Assert.Null(await post.ReadSseEventAsync());

        await using RawHttpClient get = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await get.SendAndReadHeadAsync(RawHttpRequest.Get(session, lastEventId: "1.1", protocolVersion: "2025-11-25"));
        Assert.Equal(200, head.StatusCode);
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        probe.Gate.TrySetResult();

        await AssertTailAsync(get, after: 1, resultId: "8", "reconnect done");
    }

    [Fact]
    public async Task Resume_AfterStreamFinished_ReplaysStoredEventsAfterLastIdInOrder()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("gated", probe.ReconnectAroundGateAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using (RawHttpClient post = await RawHttpClient.ConnectAsync(server.BaseAddress))
        {
            await post.SendAndReadHeadAsync(RawHttpRequest.Post(GatedCall, session, "2025-11-25"));
            while (await post.ReadSseEventAsync() is not null)
            {
            }
        }

        probe.Gate.TrySetResult();
        await WaitUntilNoStreamsAsync(server, session);

        await using RawHttpClient get = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await get.SendAndReadHeadAsync(RawHttpRequest.Get(session, lastEventId: "1.0"));
        Assert.Equal(200, head.StatusCode);
        SseEvent first = (await get.ReadSseEventAsync())!;
        Assert.Equal("1.1", first.Id);
        Assert.Equal(1, Progress(first));
        await AssertTailAsync(get, after: 1, resultId: "8", "reconnect done");
    }

    [Fact]
    public async Task Resume_AfterClientResetAfterPriming_ReceivesEverythingAfterPrimingThenResult()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using (RawHttpClient post = await RawHttpClient.ConnectAsync(server.BaseAddress))
        {
            await post.SendAndReadHeadAsync(RawHttpRequest.Post(GatedCall, session, "2025-11-25"));
            Assert.Equal("1.0", (await post.ReadSseEventAsync())!.Id);
            await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);
            post.Reset();
        }

        await Eventually.LoggedAsync(server, Eventually.ClientDisconnected);
        probe.Gate.TrySetResult();

        await using RawHttpClient get = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await get.SendAndReadHeadAsync(RawHttpRequest.Get(session, lastEventId: "1.0"))).StatusCode);
        SseEvent first = (await get.ReadSseEventAsync())!;
        Assert.Equal("1.1", first.Id);
        Assert.Equal(1, Progress(first));
        await AssertTailAsync(get, after: 1, resultId: "8", "gated done");
        Assert.False(probe.Cancelled.Task.IsCompleted, "A resumable handler must not be cancelled by a disconnect.");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("99.5")]
    [InlineData("0.5")]
    [InlineData("1.x")]
    [InlineData(".5")]
    [InlineData("5")]
    [InlineData("1.-1")]
    [InlineData("1.99999999999999999999")]
    public async Task Get_WithUnknownOrMalformedLastEventId_Returns400(string lastEventId)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(session, lastEventId));

        JsonRpcAssert.Rejection(response, McpRejection.UnknownLastEventId);
    }

    [Fact]
    public async Task Get_WithLastEventIdOfAnotherSession_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var owner = new McpTestClient(server.McpEndpoint);
        await owner.InitializeAsync();
        Assert.True((await owner.SendRequestAsync("tools/call", """{"name":"progress","arguments":{"steps":2},"_meta":{"progressToken":1}}""")).TryGetProperty("result", out _));
        using var other = new McpTestClient(server.McpEndpoint);
        string otherSession = await other.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(otherSession, lastEventId: "1.0"));

        JsonRpcAssert.Rejection(response, McpRejection.UnknownLastEventId);
    }

    [Fact]
    public async Task Get_WithLastEventId_WhenResumabilityDisabled_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.EnableResumability = false);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(session, lastEventId: "1.0"));

        JsonRpcAssert.Rejection(response, McpRejection.UnknownLastEventId);
    }

    private static async Task AssertTailAsync(RawHttpClient get, int after, string resultId, string resultText)
    {
        for (int progress = after + 1; progress <= 3; progress++)
        {
            SseEvent e = (await get.ReadSseEventAsync())!;
            Assert.Equal($"1.{progress}", e.Id);
            Assert.Equal(progress, Progress(e));
        }

        SseEvent final = (await get.ReadSseEventAsync())!;
        Assert.Equal("1.4", final.Id);
        JsonElement result = JsonRpcAssert.ResultMessage(final.Data!, resultId);
        Assert.Equal(resultText, result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Null(await get.ReadSseEventAsync());
    }

    private static double Progress(SseEvent e)
    {
        using JsonDocument message = JsonDocument.Parse(e.Data!);
        Assert.Equal("notifications/progress", message.RootElement.GetProperty("method").GetString());
        return message.RootElement.GetProperty("params").GetProperty("progress").GetDouble();
    }

    private static async Task WaitUntilNoStreamsAsync(KestrelTestServer server, string sessionId)
    {
        Assert.True(server.Services.GetRequiredService<McpHttpSessionManager>().TryGet(sessionId, out McpHttpSession? session));
        await Eventually.TrueAsync(() => session!.StreamCount == 0, "the POST stream finished");
    }
}
