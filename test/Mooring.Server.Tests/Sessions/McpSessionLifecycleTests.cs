using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Sessions;

public sealed class McpSessionLifecycleTests
{
    [Fact]
    public async Task Initialize_ValidRequest_ReturnsVersionCapabilitiesAndServerInfo()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives), o =>
        {
            o.ServerInfo = new Implementation { Name = "unit", Version = "9.8.7", Title = "Unit Server" };
            o.Instructions = "Use the echo tool.";
        });
        TestSession session = server.CreateSession();

        JsonObject result = Rpc.Result(await session.InitializeAsync());

        Assert.Equal("2025-11-25", (string?)result["protocolVersion"]);
        JsonAssertions.Equivalent(
            """{"tools":{"listChanged":true},"prompts":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},"logging":{},"completions":{}}""",
            result["capabilities"]!);
        JsonAssertions.Equivalent("""{"name":"unit","version":"9.8.7","title":"Unit Server"}""", result["serverInfo"]!);
        Assert.Equal("Use the echo tool.", (string?)result["instructions"]);
    }

    [Fact]
    public async Task Initialize_WithoutInstructions_OmitsTheMember()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        JsonObject result = Rpc.Result(await session.InitializeAsync());

        Assert.False(result.ContainsKey("instructions"));
        Assert.Equal("mooring", (string?)result["serverInfo"]!["name"]);
    }

    [Fact]
    public async Task Initialize_RecordsClientInfoAndCapabilities()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();
        Assert.False(session.Session.IsInitialized);
        Assert.Null(session.Session.ProtocolVersion);

        await session.InitializeAsync("""{"roots":{"listChanged":true},"sampling":{}}""", "2025-06-18");

        Assert.True(session.Session.IsInitialized);
        Assert.Equal("2025-06-18", session.Session.ProtocolVersion);
        Assert.Equal("test-client", session.Session.ClientInfo!.Name);
        Assert.Equal("1.2.3", session.Session.ClientInfo.Version);
        Assert.True(session.Session.ClientCapabilities!.Roots!.ListChanged);
        Assert.NotNull(session.Session.ClientCapabilities.Sampling);
        Assert.Null(session.Session.ClientCapabilities.Elicitation);
    }

    [Theory]
    [InlineData("2025-11-25", "2025-11-25")]
    [InlineData("2025-06-18", "2025-06-18")]
    [InlineData("2025-03-26", "2025-03-26")]
    [InlineData("2024-11-05", "2025-11-25")]
    [InlineData("2099-01-01", "2025-11-25")]
    public async Task Initialize_RequestedVersion_IsNegotiated(string requested, string expected)
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        JsonObject result = Rpc.Result(await session.InitializeAsync(protocolVersion: requested));

        Assert.Equal(expected, (string?)result["protocolVersion"]);
        Assert.Equal(expected, session.Session.ProtocolVersion);
    }

    [Fact]
    public async Task Initialize_SecondTime_IsRejectedAndKeepsTheFirstNegotiation()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();
        await session.InitializeAsync(protocolVersion: "2025-06-18");

        JsonNode second = await session.InitializeAsync(protocolVersion: "2025-11-25");

        Assert.Equal("Invalid request: the session is already initialized.", Rpc.Error(second, JsonRpcErrorCodes.InvalidRequest));
        Assert.Equal("2025-06-18", session.Session.ProtocolVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"protocolVersion":"2025-11-25","capabilities":{}}""")]
    [InlineData("""{"protocolVersion":"2025-11-25","clientInfo":{"name":"c","version":"1"}}""")]
    [InlineData("""{"capabilities":{},"clientInfo":{"name":"c","version":"1"}}""")]
    [InlineData("""{"protocolVersion":7,"capabilities":{},"clientInfo":{"name":"c","version":"1"}}""")]
    public async Task Initialize_IncompleteParams_IsInvalidParamsAndLeavesTheSessionUninitialized(string? parameters)
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        JsonNode response = await session.RequestAsync("initialize", parameters);

        Rpc.Error(response, JsonRpcErrorCodes.InvalidParams);
        Assert.False(session.Session.IsInitialized);
        Rpc.Result(await session.InitializeAsync());
    }

    [Theory]
    [InlineData("tools/list")]
    [InlineData("tools/call")]
    [InlineData("resources/list")]
    [InlineData("prompts/list")]
    [InlineData("logging/setLevel")]
    [InlineData("no/such/method")]
    public async Task Request_BeforeInitialize_IsRejected(string method)
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        JsonNode response = await session.RequestAsync(method, "{}");

        Assert.Equal("Invalid request: the session has not been initialized.", Rpc.Error(response, JsonRpcErrorCodes.InvalidRequest));
    }

    [Fact]
    public async Task Ping_BeforeInitialize_IsAnswered()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        JsonObject result = Rpc.Result(await session.RequestAsync("ping"));

        Assert.Empty(result);
    }

    [Fact]
    public async Task InitializedNotification_BeforeInitialize_DoesNotInitialize()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        await session.NotifyAsync("notifications/initialized");

        Assert.False(session.Session.IsInitialized);
        Rpc.Error(await session.RequestAsync("tools/list"), JsonRpcErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task InitializedNotification_AfterInitialize_GetsNoAnswerAndSessionServes()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();
        await session.InitializeAsync();

        await session.NotifyAsync("notifications/initialized");

        Assert.True(session.Session.IsInitialized);
        Assert.Empty(session.SessionSink.Messages);
        Rpc.Result(await session.RequestAsync("tools/list"));
    }

    [Fact]
    public async Task UnknownNotification_IsIgnoredWithoutAnswer()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        await session.NotifyAsync("notifications/whatever", """{"x":1}""");

        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task UnknownMethod_AfterInitialize_IsMethodNotFound()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tasks/teleport", "{}");

        Assert.Equal("Method not found: tasks/teleport", Rpc.Error(response, JsonRpcErrorCodes.MethodNotFound));
    }

    [Fact]
    public async Task Request_ResponseCarriesTheRequestIdVerbatim()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode? asString = await session.StartRequestWithId("\"42\"", "ping", null);
        JsonNode? asNumber = await session.StartRequestWithId("42", "ping", null);

        Assert.Equal("\"42\"", asString!["id"]!.ToJsonString());
        Assert.Equal("42", asNumber!["id"]!.ToJsonString());
    }

    [Fact]
    public async Task Request_AfterDispose_IsSessionNotFound()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        await session.Session.DisposeAsync();

        JsonNode response = await session.RequestAsync("ping");

        Rpc.Error(response, JsonRpcErrorCodes.SessionNotFound);
        Assert.True(session.Session.IsEnded);
    }

    [Fact]
    public async Task RootsListChangedNotification_RaisesTheSessionEvent()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync("""{"roots":{"listChanged":true}}""");
        int raised = 0;
        session.Session.RootsListChanged += (_, _) => raised++;

        await session.NotifyAsync("notifications/roots/list_changed");

        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task CreateSession_DuplicateId_Throws()
    {
        await using var server = TestServer.Create(typeof(BasicPrimitives));
        server.CreateSession("same");

        Assert.Throws<InvalidOperationException>(() => server.Server.CreateSession("same"));
        Assert.Equal(1, server.Server.SessionCount);
    }
}
