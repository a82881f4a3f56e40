using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sessions;

/// <summary>How sessions end: DELETE (handlers cancelled, streams closed, 404 after) and idle expiry on an injected clock.</summary>
public sealed class McpHttpSessionLifecycleTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Delete_EndsSession_LaterRequestsGet404()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse deleted = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE").WithSession(session, "2025-11-25"));

        Assert.Equal(200, deleted.StatusCode);
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), McpRejection.SessionNotFound, "1");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(session)), McpRejection.SessionNotFound);
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE").WithSession(session)), McpRejection.SessionNotFound);
        Assert.Equal(0, server.McpServer.SessionCount);
    }

    [Fact]
    public async Task Delete_WithHandlerInFlight_CancelsItAndAnswersItsRequest()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":41,"method":"tools/call","params":{"name":"block"}}""", session));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        Assert.Equal(System.Net.HttpStatusCode.OK, await client.DeleteAsync());

        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        RawHttpResponse answer = await call.ReadResponseAsync();
        JsonRpcAssert.Error(answer, 200, Protocol.JsonRpcErrorCodes.InternalError, "41");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), McpRejection.SessionNotFound, "1");
    }

    [Fact]
    public async Task Delete_WithOpenGetStream_EndsTheStream()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session))).StatusCode);
        Assert.Equal("0.0", (await stream.ReadSseEventAsync())!.Id);

        Assert.Equal(System.Net.HttpStatusCode.OK, await client.DeleteAsync());

        Assert.Null(await stream.ReadSseEventAsync());
    }

    [Fact]
    public async Task IdleSession_EndsOneTickAfterTimeout_NotAtIt()
    {
        var time = new FakeTimeProvider();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();

        time.Advance(IdleTimeout);
        await manager.SweepOnceAsync();
        Assert.True(manager.TryGet(session, out _), "At exactly the idle timeout the session must still live.");

        time.Advance(TimeSpan.FromTicks(1));
        await manager.SweepOnceAsync();
        Assert.False(manager.TryGet(session, out _), "One tick past the idle timeout the session must be gone.");

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), McpRejection.SessionNotFound, "1");
        Assert.Equal(0, server.McpServer.SessionCount);
    }

    [Fact]
    public async Task IdleTimeout_AfterRequest_StartsOver()
    {
        var time = new FakeTimeProvider();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();

        time.Advance(IdleTimeout);
        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session)), "1");
        time.Advance(IdleTimeout);
        await manager.SweepOnceAsync();

        Assert.True(manager.TryGet(session, out _), "A request restarts the idle clock.");
    }

    [Fact]
    public async Task Sweep_SessionWithOpenGetStream_KeepsSession()
    {
        var time = new FakeTimeProvider();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session))).StatusCode);
        Assert.Equal("0.0", (await stream.ReadSseEventAsync())!.Id);

        time.Advance(IdleTimeout * 3);
        await manager.SweepOnceAsync();

        Assert.True(manager.TryGet(session, out _), "A client listening on its GET stream is not idle.");
    }

    [Fact]
    public async Task Sweep_SessionWhoseGetStreamWasAbandoned_EndsLikeAnyIdleSession()
    {
        // Found by the probe's abandoned-get scenario: the GET stream's pump, which lives as long as the session,
        // counted as work in progress, so such a session was never idle and was never swept or evicted.
        var time = new FakeTimeProvider();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();
        await using (RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress))
        {
            Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session))).StatusCode);
            Assert.Equal("0.0", (await stream.ReadSseEventAsync())!.Id);
        }

        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.GetStreams) == 0, "the abandoned GET stream to be released");
        time.Advance(IdleTimeout + TimeSpan.FromTicks(1));
        await manager.SweepOnceAsync();

        Assert.False(manager.TryGet(session, out _), "A session whose GET stream is gone is idle once its timeout passes.");
        Assert.Equal(0, server.McpServer.SessionCount);
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Sessions));
    }

    [Fact]
    public async Task Sweep_SessionWithRunningRequest_KeepsSession()
    {
        var time = new FakeTimeProvider();
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
            o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync);
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"block"}}""", session));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        time.Advance(IdleTimeout * 3);
        await manager.SweepOnceAsync();

        Assert.True(manager.TryGet(session, out _), "A session answering a request is not idle.");
        probe.Gate.TrySetResult();
        JsonRpcAssert.Result(await call.ReadResponseAsync(), "2");
    }

    [Fact]
    public async Task IdleSession_HoldsNoStreamOrWork_YetResumesDrainsAndOpensItsFirstGetStream()
    {
        // Streams and tracked work are created on first use; a session that only initialized has none, and every
        // path that reads them must treat "never created" as "empty".
        var time = new FakeTimeProvider();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureHttp = h => h.SessionIdleTimeout = IdleTimeout;
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        McpHttpSessionManager manager = server.Services.GetRequiredService<McpHttpSessionManager>();
        Assert.True(manager.TryGet(session, out McpHttpSession? idle));
        Assert.Equal(0, idle!.StreamCount);
        Assert.Equal(0, idle.WorkCount);
        Assert.False(idle.TryGetStream("1", out _));
        Assert.False(idle.HasGetConnection);
        await idle.CloseConnectionsForDrainAsync(TimeSpan.FromSeconds(1));

        JsonRpcAssert.Rejection(
            await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Get(session, lastEventId: "1.1")),
            McpRejection.UnknownLastEventId);

        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session))).StatusCode);
        Assert.Equal("0.0", (await stream.ReadSseEventAsync())!.Id);
        Assert.Equal(1, idle.StreamCount);
        Assert.True(idle.TryGetStream("0", out _));

        Assert.Equal(System.Net.HttpStatusCode.OK, await client.DeleteAsync());
        Assert.Null(await stream.ReadSseEventAsync());
        Assert.Equal(0, idle.StreamCount);
    }
}
