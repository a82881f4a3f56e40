using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// Modern requests at the server's limits and during a drain: every refusal is a clear answer (503 with
/// <c>Retry-After</c> and the request's id), never a dropped connection or a hang; in-flight modern requests get the
/// drain timeout, then are cancelled; and every lease goes back to zero.
/// </summary>
public sealed class ModernCapacityTests
{
    private const string GatedCall = """{"name":"gated"}""";

    [Fact]
    public async Task CallTool_OverTheHandlerCap_Returns503WithTheId()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o =>
        {
            o.ConfigureServer = s => s.Limits.MaxConcurrentRequests = 1;
            o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync);
        });
        await using RawHttpClient busy = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await busy.SendAsync(ModernWire.Request("1", McpMethods.ToolsCall, """{"name":"block"}"""));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        ModernAnswer refused = await ModernWire.ExchangeAsync(server, ModernWire.Request("\"two\"", McpMethods.ToolsCall, """{"name":"echo","arguments":{"text":"x"}}"""));

        ModernAssert.Rejection(refused, McpRejection.ServerBusy, "\"two\"");
        Assert.Equal("1", refused.Head.Header("Retry-After"));
        probe.Gate.TrySetResult();
        ModernAssert.Result(await ModernWire.ReadAnswerAsync(busy, await busy.ReadResponseHeadAsync()), "1");
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the handler lease to end");
    }

    [Fact]
    public async Task CallTool_StreamingOverThePostStreamCap_Returns503WithTheId()
    {
        // The legacy path answers 503 with the id when no stream can be opened; the modern one must not just drop the connection.
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o =>
        {
            o.ConfigureServer = s => s.Limits.MaxPostStreams = 1;
            o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync);
        });
        await using RawHttpClient holder = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await holder.SendAndReadHeadAsync(ModernWire.Request("1", McpMethods.ToolsCall, GatedCall, progressTokenJson: "1"));
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(1, server.McpServer.Governor.Held(McpBudget.PostStreams));

        ModernAnswer refused = await ExchangeOrDescribeAsync(server, ModernWire.Request("\"two\"", McpMethods.ToolsCall, """{"name":"progress","arguments":{"steps":2}}""", progressTokenJson: "2"));

        try
        {
            ModernAssert.Rejection(refused, McpRejection.TooManyStreams, "\"two\"");
            Assert.Equal("1", refused.Head.Header("Retry-After"));
        }
        finally
        {
            probe.Gate.TrySetResult();
        }

        ModernAssert.Result(await ModernWire.ReadAnswerAsync(holder, head), "1");
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.PostStreams) == 0, "the stream lease to end");
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the handler leases to end");
    }

    [Fact]
    public async Task Drain_ModernRequestInFlight_FinishesWithinTheDrainTimeout_NewOnesAre503()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o =>
        {
            o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromSeconds(10);
            o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync);
        });
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpResponse head = await call.SendAndReadHeadAsync(ModernWire.Request("1", McpMethods.ToolsCall, GatedCall, progressTokenJson: "1"));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        Task drained = server.Services.GetRequiredService<McpHttpSessionManager>().BeginDrain();

        ModernAssert.Rejection(await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsList)), McpRejection.Draining, "2");
        Assert.False(drained.IsCompleted);
        probe.Gate.TrySetResult();
        Assert.Equal("gated done", ModernAssert.ToolText(ModernAssert.Result(await ModernWire.ReadAnswerAsync(call, head), "1")));
        await drained.WaitAsync(ToolProbe.WaitLimit);
        Assert.False(probe.Cancelled.Task.IsCompleted);
        Assert.All(server.McpServer.Governor.Snapshot(), held => Assert.Equal(0, held.Value));
    }

    [Fact]
    public async Task Drain_ModernRequestThatNeverFinishes_IsCancelledAtTheDrainTimeout_AndTheClientGetsAnAnswer()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await ModernServers.StartAsync(o =>
        {
            o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromMilliseconds(300);
            o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync);
        });
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(ModernWire.Request("1", McpMethods.ToolsCall, """{"name":"block"}"""));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        await server.Services.GetRequiredService<McpHttpSessionManager>().BeginDrain().WaitAsync(ToolProbe.WaitLimit);

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        ModernAnswer answer = await ModernWire.ReadAnswerAsync(call, await call.ReadResponseHeadAsync());
        JsonElement response = answer.Response;
        Assert.Equal("1", response.GetProperty("id").GetRawText());
        Assert.True(response.TryGetProperty("error", out _), response.GetRawText());
        JsonRpcAssert.NoInternals(response.GetRawText());
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the cancelled handler to end");
    }

    /// <summary>Exchanges, turning a dropped connection into a failure that says so (rather than a bare socket error).</summary>
    private static async Task<ModernAnswer> ExchangeOrDescribeAsync(KestrelTestServer server, RawHttpRequest request)
    {
        try
        {
            return await ModernWire.ExchangeAsync(server, request);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or EndOfStreamException or InvalidDataException)
        {
            throw new Xunit.Sdk.XunitException($"The server dropped the connection instead of answering 503: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
