using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Sessions;

public sealed class McpSessionCancellationTests
{
    [Fact]
    public async Task CancelledNotification_ForInFlightRequest_FiresTheHandlerTokenAndSendsNoResponse()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequestWithId("7", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(1, session.Session.InFlightCount);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":7,"reason":"The user gave up."}""");

        await server.Probe.TokenFired.Task.WaitAsync(TestServer.Patience);
        await server.Probe.Cancelled.Task.WaitAsync(TestServer.Patience);
        Assert.Null(await call.WaitAsync(TestServer.Patience));
        Assert.Equal(0, session.Session.InFlightCount);
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task CancelledNotification_StringIdForRequest_CancelsOnlyThatId()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequestWithId("\"req-1\"", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":"req-1"}""");

        Assert.Null(await call.WaitAsync(TestServer.Patience));
    }

    [Theory]
    [InlineData("""{"requestId":8}""")]
    [InlineData("""{"requestId":"7"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"requestId":[7]}""")]
    [InlineData(null)]
    public async Task CancelledNotification_NotNamingAnInFlightRequest_IsIgnored(string? parameters)
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequestWithId("7", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        await session.NotifyAsync("notifications/cancelled", parameters);

        // Token callbacks run inside Cancel(): had the wrong request been matched, TokenFired would be set already.
        Assert.False(server.Probe.TokenFired.Task.IsCompleted);
        Assert.False(server.Probe.Cancelled.Task.IsCompleted);
        Assert.False(call.IsCompleted);
        Assert.Equal(1, session.Session.InFlightCount);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":7}""");
        Assert.Null(await call.WaitAsync(TestServer.Patience));
    }

    [Fact]
    public async Task CancelledNotification_AfterTheRequestCompleted_IsIgnored()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        JsonNode? done = await session.StartRequestWithId("5", "tools/call", """{"name":"echo","arguments":{"text":"hi"}}""");

        await session.NotifyAsync("notifications/cancelled", """{"requestId":5}""");

        Assert.Equal("hi", Rpc.ToolText(done!));
        Rpc.Result(await session.RequestAsync("ping"));
    }

    [Fact]
    public async Task HandlerAborted_ByTheTransport_CancelsTheHandlerAndAnswersInternalError()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        using var aborted = new CancellationTokenSource();
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"block"}""", handlerAborted: aborted.Token);
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        await aborted.CancelAsync();

        await server.Probe.Cancelled.Task.WaitAsync(TestServer.Patience);
        JsonNode? response = await call.WaitAsync(TestServer.Patience);
        Assert.Equal("The request was cancelled.", Rpc.Error(response!, JsonRpcErrorCodes.InternalError));
    }

    [Fact]
    public async Task Request_DuplicateIdWhileInFlight_IsRejectedAndTheFirstContinues()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> first = session.StartRequestWithId("3", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        JsonNode? second = await session.StartRequestWithId("3", "ping", null);

        Assert.Equal("Invalid request: this request id is already in flight.", Rpc.Error(second!, JsonRpcErrorCodes.InvalidRequest));
        Assert.False(first.IsCompleted);
        await session.NotifyAsync("notifications/cancelled", """{"requestId":3}""");
        Assert.Null(await first.WaitAsync(TestServer.Patience));
    }

    [Fact]
    public async Task Request_SameIdAfterCompletion_IsServed()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        Rpc.Result((await session.StartRequestWithId("3", "ping", null))!);
        Rpc.Result((await session.StartRequestWithId("3", "ping", null))!);
    }
}
