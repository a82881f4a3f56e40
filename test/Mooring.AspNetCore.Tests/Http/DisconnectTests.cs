using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>
/// Clients that go away mid-request: the handler's token fires when its result can no longer be delivered, not
/// before, and the server keeps serving everyone else. A disconnect is never logged as an error.
/// </summary>
public sealed class DisconnectTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Fact]
    public async Task Post_ClientResetsWhileHandlerRunsInJsonMode_CancelsHandlerAndServerKeepsServing()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"block"}}""", session));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        call.Reset();

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server, session);
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
        Assert.True((await client.SendRequestAsync("tools/call", """{"name":"echo","arguments":{"text":"still here"}}""")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Post_ClientClosesWithFinWhileHandlerRunsInJsonMode_CancelsHandler()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"block"}}""", session));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        call.CloseWithFin();

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server, session);
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
    }

    [Fact]
    public async Task Post_ClientResetsDuringSse_HandlerRunsUntilResumeWindowEnds()
    {
        var time = new FakeTimeProvider();
        var window = TimeSpan.FromSeconds(30);
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.ResumeWindow = window;
            o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync);
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAndReadHeadAsync(RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"gated","_meta":{"progressToken":1}}}""", session));
        Assert.Equal("1.0", (await call.ReadSseEventAsync())!.Id);
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        call.Reset();
        Assert.True(server.Services.GetRequiredService<McpHttpSessionManager>().TryGet(session, out McpHttpSession? httpSession));
        Assert.True(httpSession!.TryGetStream("1", out SseStream? stream));
        await Eventually.TrueAsync(() => !stream!.HasConnection, "the server detached the reset connection");

        // The resume-window timer starts under the stream's gate right after the detach; let that finish first.
        await Task.Delay(50);
        time.Advance(window - TimeSpan.FromTicks(1));
        await Task.Delay(100);
        Assert.False(probe.Cancelled.Task.IsCompleted, "Inside the resume window the handler must keep running.");
        time.Advance(TimeSpan.FromTicks(1));
        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server, session);
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
    }

    [Fact]
    public async Task Post_ClientResetsDuringSse_WithoutResumability_CancelsHandlerAtOnce()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.ConfigureHttp = h => h.EnableResumability = false;
            o.ConfigureMcp = b => b.WithTool("gated", probe.ProgressAroundGateAsync);
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAndReadHeadAsync(RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"gated","_meta":{"progressToken":1}}}""", session));
        SseEvent first = (await call.ReadSseEventAsync())!;
        Assert.Null(first.Id);
        Assert.True(first.HasMessage, "Without resumability there is no priming event and no event id.");
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        call.Reset();

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await AssertNothingHeldAsync(server, session);
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_ClientLeavesBeforeSendingWholeBody_ServerKeepsServingWithoutErrorLogs(bool reset)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        RawHttpRequest request = RawHttpRequest.Post("""{"jsonrpc":"2.0","id":""", session);
        request.ContentLengthOverride = 1000;
        await call.SendAsync(request);
        // initialize and notifications/initialized were the first two bodies read; this one is the third.
        await Eventually.TrueAsync(() => server.Logs.Entries.Count(e => e.EventId.Name == "RequestBodyStart") >= 3, "the server started reading the body");

        if (reset)
        {
            call.Reset();
        }
        else
        {
            call.CloseWithFin();
        }

        await Eventually.TrueAsync(() => server.Logs.Entries.Any(e => e.EventId.Name == "ConnectionStop"), "the server closed the connection");
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
    }

    /// <summary>After a disconnect the session holds no request, stream or background work for it any more.</summary>
    private static async Task AssertNothingHeldAsync(KestrelTestServer server, string sessionId)
    {
        Assert.True(server.Services.GetRequiredService<McpHttpSessionManager>().TryGet(sessionId, out McpHttpSession? session));
        await Eventually.TrueAsync(() => session!.Core.InFlightCount == 0, "no request in flight");
        await Eventually.TrueAsync(() => session!.StreamCount == 0, "no stream left");
        await Eventually.TrueAsync(() => session!.WorkCount == 0, "no background work left");
    }
}
