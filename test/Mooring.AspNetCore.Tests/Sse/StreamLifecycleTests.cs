using System.ComponentModel;
using Microsoft.Extensions.Time.Testing;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sse;

/// <summary>
/// Long-lived SSE streams on real Kestrel: heartbeats at the exact interval, stream leases and their cap, and a
/// client that stops reading cut off by the write timeout with everything it held released.
/// </summary>
public sealed class StreamLifecycleTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const int QueueCap = 16;

    [Fact]
    public async Task Heartbeat_OnASilentGetStream_ComesAtTheIntervalAndNotATickBefore()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.HeartbeatInterval = Heartbeat;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
        SseEvent? priming = await stream.ReadSseEventAsync();
        Assert.False(priming!.HasMessage);

        time.Advance(Heartbeat - TimeSpan.FromTicks(1));
        await Assert.ThrowsAsync<TimeoutException>(() => stream.ReadSseEventAsync(TimeSpan.FromMilliseconds(300)));

        time.Advance(TimeSpan.FromTicks(1));
        SseEvent? heartbeat = await stream.ReadSseEventAsync();
        Assert.StartsWith(":", heartbeat!.Raw, StringComparison.Ordinal);
        Assert.False(heartbeat.HasMessage);
        Assert.Equal(1, server.McpServer.Governor.Held(McpBudget.GetStreams));
    }

    [Fact]
    public async Task Heartbeat_AfterAWrite_ComesOneIntervalAfterIt_NeverLater()
    {
        // A periodic timer that checks for silence lets almost two intervals pass when a write lands between its ticks
        // (10,000 streams showed it); the heartbeat is due exactly one interval after the last write.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.HeartbeatInterval = Heartbeat;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
        Assert.False((await stream.ReadSseEventAsync())!.HasMessage);

        time.Advance(Heartbeat / 2);
        Assert.True(server.McpServer.TryGetSession(session, out McpSession? live));
        Assert.True(live.TrySendNotification<System.Text.Json.Nodes.JsonObject?>(McpMethods.NotificationToolListChanged, null, null));
        Assert.True((await stream.ReadSseEventAsync())!.HasMessage);

        // One interval after the start, but only half of one after the write: not yet.
        time.Advance(Heartbeat / 2);
        await Assert.ThrowsAsync<TimeoutException>(() => stream.ReadSseEventAsync(TimeSpan.FromMilliseconds(300)));
        time.Advance((Heartbeat / 2) - TimeSpan.FromTicks(1));
        await Assert.ThrowsAsync<TimeoutException>(() => stream.ReadSseEventAsync(TimeSpan.FromMilliseconds(300)));

        // Exactly one interval after the write.
        time.Advance(TimeSpan.FromTicks(1));
        SseEvent? heartbeat = await stream.ReadSseEventAsync();
        Assert.StartsWith(":", heartbeat!.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreams_OverTheCap_Get503_AndTheLeaseIsReturnedWhenTheClientLeaves()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureServer = s => s.Limits.MaxGetStreams = 1);
        using var first = new McpTestClient(server.McpEndpoint);
        using var second = new McpTestClient(server.McpEndpoint);
        string one = await first.InitializeAsync();
        string two = await second.InitializeAsync();
        await using RawHttpClient open = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await open.SendAndReadHeadAsync(RawHttpRequest.Get(one))).StatusCode);

        RawHttpResponse refused = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(two));

        JsonRpcAssert.Rejection(refused, McpRejection.TooManyStreams);
        Assert.Equal("1", refused.Header("Retry-After"));
        open.Reset();
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.GetStreams) == 0, "the GET stream lease to be returned");

        await using RawHttpClient reopened = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await reopened.SendAndReadHeadAsync(RawHttpRequest.Get(two))).StatusCode);
    }

    [Fact]
    public async Task StoppedReader_IsCutOffAfterTheWriteTimeout_AndReleasesItsStreamAndHandler()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.PrimitiveTypes.Add(typeof(FloodTools));
            o.ConfigureHttp = h =>
            {
                h.WriteTimeout = TimeSpan.FromSeconds(10);
                h.EnableResumability = false;
                h.MaxQueuedMessagesPerStream = QueueCap;
            };
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        // A reader with a tiny receive window that never reads: the server's writes stall once the buffers are full.
        await using RawHttpClient stalled = await RawHttpClient.ConnectAsync(server.BaseAddress, receiveBufferSize: 4096);
        await stalled.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"flood"}}""", session, "2025-11-25"));
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.PostStreams) == 1, "the POST to become an SSE stream");

        // The stall is visible: a flush waits on bytes the client has not taken, and the handler's messages queue up
        // behind it, no more than the per-stream cap.
        McpResourceGovernor governor = server.McpServer.Governor;
        await Eventually.TrueAsync(() => governor.UnflushedBytes() > 0, "the unflushed bytes to show the stall");
        await Eventually.TrueAsync(() => governor.QueuedMessages() == QueueCap, "the stream's queue to fill to its cap");
        await Task.Delay(100);
        Assert.Equal(QueueCap, governor.QueuedMessages());

        // Each advance fires the write timer if a flush is pending at that moment; a stalled flush always is, soon.
        for (int i = 0; i < 100 && server.McpServer.Governor.Held(McpBudget.PostStreams) == 1; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50);
        }

        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.PostStreams) == 0, "the stalled stream to be cut off");
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the flooding handler to stop");
        Assert.True(await stalled.WaitForServerCloseAsync(TimeSpan.FromSeconds(5)));
        await Eventually.TrueAsync(() => governor.UnflushedBytes() == 0 && governor.QueuedMessages() == 0 && governor.TrackedQueues == 0, "the outbound queue gauges to return to 0");
        await client.CallAsync("ping");
    }

    internal static class FloodTools
    {
        private static readonly string Chunk = new('x', 64 * 1024);

        [McpTool("flood")]
        [Description("Sends 64 KiB notifications until cancelled (at most 4096 of them).")]
        public static async Task<string> Flood(McpRequestContext context)
        {
            for (int i = 0; i < 4096; i++)
            {
                var message = new LoggingMessageNotificationParams { Level = LoggingLevel.Info, Data = System.Text.Json.JsonSerializer.SerializeToElement(Chunk, McpJsonContext.Default.String) };
                if (!await context.SendNotificationAsync(McpMethods.NotificationMessage, message, McpJsonContext.Default.LoggingMessageNotificationParams))
                {
                    break;
                }
            }

            return "flooded";
        }
    }
}
