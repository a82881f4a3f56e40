using Microsoft.Extensions.DependencyInjection;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sessions;

/// <summary>
/// Graceful drain on real Kestrel: new work is refused with 503, open streams get a retry hint and are closed,
/// in-flight handlers get the drain timeout, and then every session ends. It never hangs.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Drain_RefusesNewWork_ClosesStreamsWithRetry_LetsInFlightFinish_ThenEndsSessions()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync);
            o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromSeconds(10);
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"block"}}""", session, "2025-11-25"));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);
        McpHttpSessionManager sessions = server.Services.GetRequiredService<McpHttpSessionManager>();

        Task drained = sessions.BeginDrain();

        Assert.True(sessions.IsDraining);
        SseEvent? retry = null;
        while (await stream.ReadSseEventAsync() is { } e)
        {
            retry = e.RetryMilliseconds is not null ? e : retry;
        }

        // The loop above ended because the response ended (the stream was closed); it carried the retry hint first.
        Assert.NotNull(retry);
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.GetStreams) == 0, "the GET stream lease to end");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(McpTestClient.InitializeJson())), McpRejection.Draining, "1");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""{"jsonrpc":"2.0","id":6,"method":"ping"}""", session)), McpRejection.Draining, "6");
        Assert.False(drained.IsCompleted);

        probe.Gate.TrySetResult();
        RawHttpResponse answered = await call.ReadResponseAsync();
        Assert.Equal(200, answered.StatusCode);
        await drained.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Sessions));
        Assert.All(server.McpServer.Governor.Snapshot(), held => Assert.Equal(0, held.Value));
    }

    [Fact]
    public async Task Drain_WithAHandlerThatNeverFinishes_EndsWithinTheDrainTimeout_AndCancelsIt()
    {
        var probe = new ToolProbe();
        await using KestrelTestServer server = await TestServers.StartAsync(o =>
        {
            o.ConfigureMcp = b => b.WithTool("block", probe.BlockAsync);
            o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);
        await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"block"}}""", session, "2025-11-25"));
        await probe.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await server.Services.GetRequiredService<McpHttpSessionManager>().BeginDrain().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4));
        await probe.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the cancelled handler to end");
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Sessions));
    }
}
