using System.Text.Json.Nodes;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Sessions;

/// <summary>
/// A session creates its cancellation source, in-flight map, pending-request map and subscription set on first use, so
/// that an idle session holds none of them. These pin down that each still behaves as if it had always been there:
/// first used before the end, after it, or while it happens.
/// </summary>
public sealed class McpSessionLazyStateTests
{
    [Fact]
    public async Task Ended_FirstReadAfterAnIdleSessionEnded_IsAlreadyCancelled()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        await session.Session.DisposeAsync();

        Assert.True(session.Session.Ended.IsCancellationRequested);
    }

    [Fact]
    public async Task Ended_ReadBeforeTheEnd_FiresWhenTheSessionEnds()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        CancellationToken ended = session.Session.Ended;
        Assert.False(ended.IsCancellationRequested);
        bool fired = false;
        using CancellationTokenRegistration registration = ended.Register(() => fired = true);

        await session.Session.DisposeAsync();

        Assert.True(fired);
        Assert.Equal(ended, session.Session.Ended);
    }

    [Fact]
    public async Task Ended_FirstReadWhileTheSessionEnds_IsCancelledEitherWay()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        for (int i = 0; i < 200; i++)
        {
            TestSession session = server.CreateSession();
            using var start = new Barrier(2);
            Task<CancellationToken> read = Task.Run(() =>
            {
                start.SignalAndWait();
                return session.Session.Ended;
            });
            Task end = Task.Run(async () =>
            {
                start.SignalAndWait();
                await session.Session.DisposeAsync();
            });

            CancellationToken token = await read.WaitAsync(TestServer.Patience);
            await end.WaitAsync(TestServer.Patience);

            Assert.True(token.IsCancellationRequested, $"round {i}: a token read while the session ended never fired");
            Assert.True(session.Session.Ended.IsCancellationRequested);
        }
    }

    [Fact]
    public async Task InFlightHandler_IsCancelledWhenTheSessionEnds_WithoutAnyoneReadingEnded()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequestWithId("1", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        await session.Session.EndAsync(McpEndReason.Shutdown);

        await server.Probe.Cancelled.Task.WaitAsync(TestServer.Patience);
        await call.WaitAsync(TestServer.Patience);
        Assert.Equal(0, session.Session.InFlightCount);
        Assert.Equal(0, server.Metrics.ActiveRequests);
    }

    [Fact]
    public async Task RequestStartingWhileTheSessionEnds_IsCancelledEitherWay()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        for (int i = 0; i < 100; i++)
        {
            TestSession session = await server.InitializedSessionAsync();
            using var start = new Barrier(2);
            Task<JsonNode?> call = Task.Run(() =>
            {
                start.SignalAndWait();
                return session.SendAsync($$$"""{"jsonrpc":"2.0","id":{{{i}}},"method":"tools/call","params":{"name":"block"}}""");
            });
            Task end = Task.Run(async () =>
            {
                start.SignalAndWait();
                await session.Session.EndAsync(McpEndReason.Shutdown);
            });

            // Refused (the end came first) or started and then cancelled by the end: never left blocking.
            await end.WaitAsync(TestServer.Patience);
            await call.WaitAsync(TestServer.Patience);
            Assert.Equal(0, session.Session.InFlightCount);
        }
    }

    [Fact]
    public async Task Subscriptions_OfAnIdleSession_AreEmpty_AndTheFirstSubscribeIsKept()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Assert.Empty(session.Session.Subscriptions);
        Assert.False(session.Session.IsSubscribed("file:///watched"));
        Assert.Equal(0, server.Server.NotifyResourceUpdated("file:///watched"));

        Rpc.Result(await session.RequestAsync("resources/subscribe", """{"uri":"file:///watched"}"""));

        Assert.Equal(["file:///watched"], session.Session.Subscriptions);
        Assert.True(session.Session.IsSubscribed("file:///watched"));
        Assert.Equal(1, server.Server.NotifyResourceUpdated("file:///watched"));
        Rpc.Result(await session.RequestAsync("resources/unsubscribe", """{"uri":"file:///watched"}"""));
        Assert.Empty(session.Session.Subscriptions);
    }

    [Fact]
    public async Task Unsubscribe_OnASessionThatNeverSubscribed_IsAnswered()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        Rpc.Result(await session.RequestAsync("resources/unsubscribe", """{"uri":"file:///watched"}"""));

        Assert.Empty(session.Session.Subscriptions);
    }

    [Fact]
    public async Task CancelledNotification_BeforeAnyRequest_IsIgnored_AndTheFirstRequestIsServed()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Assert.Equal(0, session.Session.PendingClientRequestCount);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":1}""");

        Rpc.Result(await session.RequestAsync("ping"));
        Assert.Equal(0, session.Session.InFlightCount);
    }
}
