using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Sessions;

public sealed class McpSessionDisposeTests
{
    [Fact]
    public async Task DisposeAsync_WithInFlightHandler_CancelsItAndReleasesEverything()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(1, server.Metrics.ActiveSessions);
        Assert.Equal(1, server.Metrics.ActiveRequests);

        await session.Session.DisposeAsync();

        await server.Probe.Cancelled.Task.WaitAsync(TestServer.Patience);
        await call.WaitAsync(TestServer.Patience);
        Assert.True(session.Session.IsEnded);
        Assert.True(session.Session.Ended.IsCancellationRequested);
        Assert.DoesNotContain(session.Session, server.Server.Sessions);
        Assert.False(server.Server.TryGetSession(session.Session.Id, out _));
        Assert.Equal(0, server.Server.SessionCount);
        Assert.Equal(0, session.Session.InFlightCount);
        Assert.Equal(0, server.Metrics.ActiveSessions);
        Assert.Equal(0, server.Metrics.ActiveRequests);
    }

    [Fact]
    public async Task DisposeAsync_WithPendingClientRequest_CancelsItWithoutTellingTheGoneClient()
    {
        await using var server = TestServer.Create(typeof(ClientRequestTools));
        TestSession session = await server.InitializedSessionAsync("""{"roots":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"list_roots"}""");
        JsonNode request = await session.SessionSink.NextAsync();
        Assert.Equal("roots/list", (string?)request["method"]);
        Assert.Equal(1, session.Session.PendingClientRequestCount);

        await session.Session.DisposeAsync();

        JsonNode? response = await call.WaitAsync(TestServer.Patience);
        Assert.StartsWith("TaskCanceledException", Rpc.ToolText(response!));
        Assert.Equal(0, session.Session.PendingClientRequestCount);
        Assert.Single(session.SessionSink.Messages);
        Assert.Equal(0, server.Metrics.ActiveRequests);
    }

    [Fact]
    public async Task DisposeAsync_Twice_CountsTheSessionEndOnce()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession first = server.CreateSession();
        server.CreateSession();
        Assert.Equal(2, server.Metrics.ActiveSessions);

        await first.Session.DisposeAsync();
        await first.Session.DisposeAsync();

        Assert.Equal(1, server.Metrics.ActiveSessions);
        Assert.Equal(1, server.Server.SessionCount);
    }

    [Fact]
    public async Task DisposeAsync_DropsSubscriptionsAndTheSessionSink()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("resources/subscribe", """{"uri":"file:///watched"}"""));

        await session.Session.DisposeAsync();

        Assert.Empty(session.Session.Subscriptions);
        Assert.Null(session.Session.SessionSink);
        Assert.Equal(0, server.Server.NotifyResourceUpdated("file:///watched"));
    }

    [Fact]
    public async Task DisposeAsync_SessionIdCanBeReusedAfterwards()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession("reused");

        await session.Session.DisposeAsync();

        TestSession again = server.CreateSession("reused");
        Assert.NotSame(session.Session, again.Session);
        Assert.False(again.Session.IsEnded);
    }
}
