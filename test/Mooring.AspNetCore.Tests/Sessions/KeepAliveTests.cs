using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sessions;

/// <summary>
/// Keep-alive pings on real Kestrel with an injected clock: a session whose client never answers is evicted after the
/// configured number of consecutive failures (not one before); a client that answers keeps its session.
/// </summary>
public sealed class KeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);

    private static Task<KestrelTestServer> StartAsync(FakeTimeProvider time) => TestServers.StartAsync(o =>
    {
        o.TimeProvider = time;
        o.ConfigureHttp = h =>
        {
            h.KeepAliveInterval = Interval;
            h.KeepAliveTimeout = PingTimeout;
            h.KeepAliveMaxFailures = 3;
            h.HeartbeatInterval = TimeSpan.FromHours(1);

            // Moving the fake clock must not time out a flush that is still finishing on the real one.
            h.WriteTimeout = TimeSpan.FromHours(1);
        };
    });

    /// <summary>
    /// The GET answer's head is flushed before the stream is attached to its session, and a ping goes only to an
    /// attached stream: the clock moves only once it is, or a sweep could run in between and the ping wait a whole
    /// interval that real time never gives it (the flake this ruled out: "No complete SSE event" in round 0).
    /// </summary>
    private static Task GetStreamAttachedAsync(KestrelTestServer server, string session) =>
        Eventually.TrueAsync(
            () => server.Services.GetRequiredService<McpHttpSessionManager>().TryGet(session, out McpHttpSession? http) && http!.HasGetConnection,
            "the GET stream to be attached to its session");

    [Fact]
    public async Task SilentClient_IsEvictedAtTheThirdFailedPing_AndNotBefore()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KestrelTestServer server = await StartAsync(time);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
        await GetStreamAttachedAsync(server, session);

        string? lastPingId = null;

        // Pings are due every 30 s (t = 30, 60, 90) and each fails 10 s later (t = 40, 70, 100).
        for (int failure = 1; failure <= 3; failure++)
        {
            time.Advance(failure == 1 ? Interval : Interval - PingTimeout);
            if (failure > 1)
            {
                // A ping that timed out is withdrawn with notifications/cancelled naming it (spec SHOULD).
                using JsonDocument cancelled = JsonDocument.Parse((await stream.ReadSseMessageAsync())!.Data!);
                Assert.Equal("notifications/cancelled", cancelled.RootElement.GetProperty("method").GetString());
                Assert.Equal(lastPingId, cancelled.RootElement.GetProperty("params").GetProperty("requestId").GetRawText());
            }

            using (JsonDocument request = JsonDocument.Parse((await stream.ReadSseMessageAsync())!.Data!))
            {
                Assert.Equal("ping", request.RootElement.GetProperty("method").GetString());
                lastPingId = request.RootElement.GetProperty("id").GetRawText();
            }

            if (failure < 3)
            {
                time.Advance(PingTimeout);
                await Task.Delay(100);
                Assert.True(server.McpServer.TryGetSession(session, out _), $"evicted after only {failure} failed ping(s)");
            }
        }

        time.Advance(PingTimeout);
        await Eventually.TrueAsync(() => !server.McpServer.TryGetSession(session, out _), "the session to be evicted after the third failed ping");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("""{"jsonrpc":"2.0","id":9,"method":"ping"}""")).StatusCode);
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Sessions));
    }

    [Fact]
    public async Task AnsweringClient_KeepsItsSession()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using KestrelTestServer server = await StartAsync(time);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient stream = await RawHttpClient.ConnectAsync(server.BaseAddress);
        Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
        await GetStreamAttachedAsync(server, session);

        for (int round = 0; round < 4; round++)
        {
            time.Advance(round == 0 ? Interval : Interval - PingTimeout);
            SseEvent? ping = await stream.ReadSseMessageAsync();
            using JsonDocument request = JsonDocument.Parse(ping!.Data!);
            string id = request.RootElement.GetProperty("id").GetRawText();
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}")).StatusCode);

            // The answer completes the ping asynchronously; only move the clock once the server has taken it and its
            // keep-alive has finished with it, or the (synchronous) timeout could win a race real time never gives it,
            // and a ping still marked as out would make the next round skip its ping.
            Assert.True(server.McpServer.TryGetSession(session, out McpSession? live));
            await Eventually.TrueAsync(() => live.PendingClientRequestCount == 0, "the server to take the ping's answer");
            Assert.True(server.Services.GetRequiredService<McpHttpSessionManager>().TryGet(session, out McpHttpSession? http));
            await Eventually.TrueAsync(() => !http!.IsPinging, "the keep-alive to finish with the answered ping");
            time.Advance(PingTimeout);
        }

        Assert.True(server.McpServer.TryGetSession(session, out _));
        await client.CallAsync("ping");
    }
}
