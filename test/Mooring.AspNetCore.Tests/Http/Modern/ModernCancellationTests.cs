using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// On modern requests, closing the response is cancellation ("Closing the SSE response stream MUST be treated by the
/// server as cancellation of that request"): the handler's token fires, the handler and stream leases go back to zero,
/// nothing more is written, and the server keeps serving. There is no resume window: modern streams cannot be resumed.
/// </summary>
public sealed class ModernCancellationTests
{
    private const string GatedCall = """{"name":"gated"}""";
    private const string BlockCall = """{"name":"block"}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CallTool_ClientClosesTheSseStream_CancelsTheHandlerAndWritesNothingMore(bool reset)
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync));
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await call.SendAndReadHeadAsync(ModernWire.Request("1", McpMethods.ToolsCall, GatedCall, progressTokenJson: "\"t\""));
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        Assert.Empty(head.HeaderValues("Mcp-Session-Id"));
        SseEvent first = (await call.ReadSseEventAsync())!;
        Assert.Equal(McpMethods.NotificationProgress, ModernWire.Parse(first.Data!).GetProperty("method").GetString());
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(1, server.McpServer.Governor.Held(McpBudget.PostStreams));

        if (reset)
        {
            call.Reset();
        }
        else
        {
            // Half-close: the server sees the request end, while this side can still read whatever it writes after.
            call.ShutdownSend();
        }

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server);
        if (!reset)
        {
            // Nothing may follow the cancellation: not the "after the gate" progress, not a result, not an error.
            List<SseEvent> after = await DrainAsync(call);
            Assert.True(after.Count == 0, $"written after the close: {string.Join(" | ", after.Select(e => e.Raw))}");
        }

        ModernAssert.Result(await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, """{"name":"echo","arguments":{"text":"still here"}}""")), "2");
    }

    [Fact]
    public async Task CallTool_ClientLeavesWhileAJsonAnswerIsPending_CancelsTheHandler()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync));
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(ModernWire.Request("1", McpMethods.ToolsCall, BlockCall));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(1, server.McpServer.Governor.Held(McpBudget.Handlers));

        call.CloseWithFin();

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server);
    }

    [Fact]
    public async Task CallTool_HandlerReleasedNormally_AnswersAndHoldsNothing()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync));
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await call.SendAndReadHeadAsync(ModernWire.Request("1", McpMethods.ToolsCall, GatedCall, progressTokenJson: "1"));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        probe.Gate.TrySetResult();
        ModernAnswer answer = await ModernWire.ReadAnswerAsync(call, head);

        Assert.Equal("gated done", ModernAssert.ToolText(ModernAssert.Result(answer, "1")));
        Assert.Equal([1.0, 2.0, 3.0], answer.Notifications.Select(n => n.GetProperty("params").GetProperty("progress").GetDouble()));
        Assert.False(probe.Cancelled.Task.IsCompleted);
        await AssertNothingHeldAsync(server);
    }

    private static async Task AssertNothingHeldAsync(KestrelTestServer server)
    {
        McpResourceGovernor governor = server.McpServer.Governor;
        await Eventually.TrueAsync(() => governor.Held(McpBudget.Handlers) == 0, "the handler lease to end");
        await Eventually.TrueAsync(() => governor.Held(McpBudget.PostStreams) == 0, "the stream lease to end");
        await Eventually.TrueAsync(() => governor.Held(McpBudget.DetachedHandlers) == 0, "no detached work: modern streams cannot be resumed");
        await Eventually.TrueAsync(() => governor.QueuedMessages() == 0, "no queued messages");
    }

    private static async Task<List<SseEvent>> DrainAsync(RawHttpClient call)
    {
        List<SseEvent> events = [];
        try
        {
            while (await call.ReadSseEventAsync(TimeSpan.FromSeconds(2)) is { } e)
            {
                events.Add(e);
            }
        }
        catch (TimeoutException)
        {
            // The server kept the connection open without writing: nothing more was written, as it should be.
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or EndOfStreamException)
        {
            // The server reset or cut the response: nothing more can arrive.
        }

        return events;
    }
}
