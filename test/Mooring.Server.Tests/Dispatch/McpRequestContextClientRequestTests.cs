using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Dispatch;

/// <summary>Server-to-client requests: sampling, elicitation and roots, with capability checks and timeouts.</summary>
public sealed class McpRequestContextClientRequestTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static TestServer CreateServer() => TestServer.Create(typeof(ClientRequestTools), o => o.ClientRequestTimeout = Timeout);

    private const string SamplingAnswer = """{"role":"assistant","model":"m1","content":{"type":"text","text":"4"}}""";

    [Fact]
    public async Task SampleAsync_RequestGoesToTheRelatedSinkAndTheClientAnswerCompletesIt()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        var related = new CapturingSink();
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""", related);

        JsonNode request = await related.NextAsync();
        Assert.Equal("sampling/createMessage", (string?)request["method"]);
        Assert.Equal(50, (int)request["params"]!["maxTokens"]!);
        Assert.Equal("2+2?", (string?)request["params"]!["messages"]![0]!["content"]!["text"]);
        Assert.Empty(session.SessionSink.Messages);
        Assert.Equal(1, session.Session.PendingClientRequestCount);

        await session.RespondAsync(request, SamplingAnswer);

        Assert.Equal("ok: m1 4", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
        Assert.Equal(0, session.Session.PendingClientRequestCount);
    }

    [Fact]
    public async Task SampleAsync_WithoutRelatedSink_UsesTheSessionSink()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");

        JsonNode request = await session.SessionSink.NextAsync();
        await session.RespondAsync(request, """{"role":"assistant","model":"m2","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}""");

        Assert.Equal("ok: m2 a,b", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Fact]
    public async Task SampleAsync_ClientWithoutSamplingCapability_FailsWithoutSendingARequest()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"roots":{}}""");

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"sample"}""");

        Assert.Equal("McpClientCapabilityRequiredException: The client does not support sampling (no 'sampling' capability).", Rpc.ToolText(response));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task SampleAsync_WithToolsButNoSamplingToolsCapability_FailsWithoutSendingARequest()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"sample","arguments":{"withTools":true}}""");

        Assert.Equal("McpClientCapabilityRequiredException: The client does not support tool use in sampling (no 'sampling.tools' capability).", Rpc.ToolText(response));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task SampleAsync_WithToolsAndSamplingToolsCapability_SendsTheTools()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{"tools":{}}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample","arguments":{"withTools":true}}""");

        JsonNode request = await session.SessionSink.NextAsync();
        Assert.Equal("calc", (string?)request["params"]!["tools"]![0]!["name"]);
        await session.RespondAsync(request, SamplingAnswer);

        Assert.Equal("ok: m1 4", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Fact]
    public async Task SampleAsync_ClientAnswersWithError_FailsWithTheClientsMessage()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");

        JsonNode request = await session.SessionSink.NextAsync();
        await session.RespondWithErrorAsync(request, -1, "User rejected sampling");

        Assert.Equal("McpException: User rejected sampling", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Theory]
    [InlineData("""{"nope":1}""")]
    [InlineData("""{"role":"assistant","model":"m","content":{"text":"no type"}}""")]
    [InlineData("""{"role":"assistant","model":"m","content":{"type":"hologram"}}""")]
    [InlineData("null")]
    public async Task SampleAsync_ClientAnswerNotMatchingTheProtocol_FailsWithAProtocolMessage(string answer)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");

        JsonNode request = await session.SessionSink.NextAsync();
        await session.RespondAsync(request, answer);

        string text = Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!);
        Assert.StartsWith("McpProtocolException: The client's answer to sampling/createMessage", text);
    }

    [Fact]
    public async Task SampleAsync_NoStreamToTheClient_Fails()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        session.Session.SessionSink = null;

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"sample"}""");

        Assert.Equal("McpException: The client has no open stream on which the server could send a request.", Rpc.ToolText(response));
        Assert.Equal(0, session.Session.PendingClientRequestCount);
    }

    [Fact]
    public async Task SampleAsync_ClosedStream_FailsAndLeavesNothingPending()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        session.SessionSink.Closed = true;

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"sample"}""");

        Assert.Equal("McpException: The client's stream closed before the request could be sent.", Rpc.ToolText(response));
        Assert.Equal(0, session.Session.PendingClientRequestCount);
    }

    [Fact]
    public async Task SampleAsync_ClientAnswersOneTickBeforeTheTimeout_Completes()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");
        JsonNode request = await session.SessionSink.NextAsync();

        server.Time.Advance(Timeout - TimeSpan.FromTicks(1));
        await session.RespondAsync(request, SamplingAnswer);

        Assert.Equal("ok: m1 4", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
        Assert.Empty(session.SessionSink.Notifications("notifications/cancelled"));
    }

    [Fact]
    public async Task SampleAsync_TimeoutElapses_ThrowsTimeoutAndTellsTheClientToCancel()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");
        JsonNode request = await session.SessionSink.NextAsync();

        server.Time.Advance(Timeout);

        string text = Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!);
        Assert.Equal($"McpClientRequestTimeoutException: The client did not answer sampling/createMessage within {Timeout}.", text);
        JsonNode cancelled = Assert.Single(session.SessionSink.Notifications("notifications/cancelled"));
        Assert.Equal(request["id"]!.ToJsonString(), cancelled["params"]!["requestId"]!.ToJsonString());
        Assert.Equal("Timed out.", (string?)cancelled["params"]!["reason"]);
        Assert.Equal(0, session.Session.PendingClientRequestCount);
    }

    [Fact]
    public async Task SampleAsync_ClientAnswersAfterTheTimeout_AnswerIsIgnored()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"sample"}""");
        JsonNode request = await session.SessionSink.NextAsync();
        server.Time.Advance(Timeout);
        await call.WaitAsync(TestServer.Patience);

        await session.RespondAsync(request, SamplingAnswer);

        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 1003);
        Rpc.Result(await session.RequestAsync("ping"));
    }

    [Fact]
    public async Task SampleAsync_ClientCancelsTheToolCall_CancelsThePendingRequestAndTellsTheClient()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");
        Task<JsonNode?> call = session.StartRequestWithId("77", "tools/call", """{"name":"sample"}""", null);
        JsonNode request = await session.SessionSink.NextAsync();

        await session.NotifyAsync("notifications/cancelled", """{"requestId":77}""");

        Assert.Null(await call.WaitAsync(TestServer.Patience));
        JsonNode cancelled = Assert.Single(session.SessionSink.Notifications("notifications/cancelled"));
        Assert.Equal(request["id"]!.ToJsonString(), cancelled["params"]!["requestId"]!.ToJsonString());
        Assert.Equal("Cancelled.", (string?)cancelled["params"]!["reason"]);
        Assert.Equal(0, session.Session.PendingClientRequestCount);
    }

    [Fact]
    public async Task ClientResponse_MatchingNoPendingRequest_IsIgnored()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        await session.SendAsync("""{"jsonrpc":"2.0","id":999,"result":{}}""");
        await session.SendAsync("""{"jsonrpc":"2.0","id":"1","result":{}}""");
        await session.SendAsync("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}""");

        Assert.Equal(3, server.Logs.Entries.Count(e => e.EventId.Id == 1003));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Theory]
    [InlineData("""{"elicitation":{}}""")]
    [InlineData("""{"elicitation":{"form":{}}}""")]
    [InlineData("""{"elicitation":{"form":{},"url":{}}}""")]
    public async Task ElicitAsync_FormModeWithFormCapability_SendsTheRequest(string capabilities)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync(capabilities);
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"elicit"}""");

        JsonNode request = await session.SessionSink.NextAsync();
        Assert.Equal("elicitation/create", (string?)request["method"]);
        Assert.Equal("Your name?", (string?)request["params"]!["message"]);
        Assert.NotNull(request["params"]!["requestedSchema"]);
        await session.RespondAsync(request, """{"action":"accept","content":{"name":"Ada"}}""");

        Assert.Equal("ok: accept", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Fact]
    public async Task ElicitAsync_UrlModeWithUrlCapability_SendsUrlAndElicitationId()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"elicitation":{"url":{}}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"elicit","arguments":{"mode":"url"}}""");

        JsonNode request = await session.SessionSink.NextAsync();
        Assert.Equal("url", (string?)request["params"]!["mode"]);
        Assert.Equal("https://example.com/auth", (string?)request["params"]!["url"]);
        Assert.Equal("e-1", (string?)request["params"]!["elicitationId"]);
        await session.RespondAsync(request, """{"action":"decline"}""");

        Assert.Equal("ok: decline", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Theory]
    [InlineData("{}", "form", "McpClientCapabilityRequiredException: The client does not support elicitation (no 'elicitation' capability).")]
    [InlineData("{}", "url", "McpClientCapabilityRequiredException: The client does not support elicitation (no 'elicitation' capability).")]
    [InlineData("""{"elicitation":{}}""", "url", "McpClientCapabilityRequiredException: The client does not support URL-mode elicitation.")]
    [InlineData("""{"elicitation":{"form":{}}}""", "url", "McpClientCapabilityRequiredException: The client does not support URL-mode elicitation.")]
    [InlineData("""{"elicitation":{"url":{}}}""", "form", "McpClientCapabilityRequiredException: The client does not support form-mode elicitation.")]
    public async Task ElicitAsync_ModeTheClientDoesNotSupport_FailsWithoutSendingARequest(string capabilities, string mode, string expected)
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync(capabilities);

        JsonNode response = await session.RequestAsync("tools/call", $$$"""{"name":"elicit","arguments":{"mode":"{{{mode}}}"}}""");

        Assert.Equal(expected, Rpc.ToolText(response));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task ListRootsAsync_ClientWithRoots_ReturnsTheClientsRoots()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"roots":{"listChanged":true}}""");
        Task<JsonNode?> call = session.StartRequest("tools/call", """{"name":"list_roots"}""");

        JsonNode request = await session.SessionSink.NextAsync();
        Assert.Equal("roots/list", (string?)request["method"]);
        await session.RespondAsync(request, """{"roots":[{"uri":"file:///a","name":"A"},{"uri":"file:///b"}]}""");

        Assert.Equal("ok: file:///a,file:///b", Rpc.ToolText((await call.WaitAsync(TestServer.Patience))!));
    }

    [Fact]
    public async Task ListRootsAsync_ClientWithoutRoots_FailsWithoutSendingARequest()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"list_roots"}""");

        Assert.Equal("McpClientCapabilityRequiredException: The client does not support roots (no 'roots' capability).", Rpc.ToolText(response));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task ServerRequests_EachGetsAFreshId()
    {
        await using TestServer server = CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"roots":{}}""");
        Task<JsonNode?> first = session.StartRequest("tools/call", """{"name":"list_roots"}""");
        Task<JsonNode?> second = session.StartRequest("tools/call", """{"name":"list_roots"}""");

        JsonNode a = await session.SessionSink.NextAsync();
        JsonNode b = await session.SessionSink.NextAsync();
        Assert.NotEqual(a["id"]!.ToJsonString(), b["id"]!.ToJsonString());

        // Answer out of order: each answer reaches its own caller.
        await session.RespondAsync(b, """{"roots":[{"uri":"file:///second"}]}""");
        await session.RespondAsync(a, """{"roots":[{"uri":"file:///first"}]}""");
        Assert.Equal("ok: file:///first", Rpc.ToolText((await first.WaitAsync(TestServer.Patience))!));
        Assert.Equal("ok: file:///second", Rpc.ToolText((await second.WaitAsync(TestServer.Patience))!));
    }
}
