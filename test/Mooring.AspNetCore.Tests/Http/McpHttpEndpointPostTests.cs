using System.Text.Json;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>The answers of POST on a real Kestrel: JSON, SSE, 202, and the 400/404 rejections of the message layer.</summary>
public sealed class McpHttpEndpointPostTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Fact]
    public async Task Post_Initialize_Returns200JsonWithSessionId()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(McpTestClient.InitializeJson(7)));

        JsonElement result = JsonRpcAssert.Result(response, "7");
        Assert.Equal("2025-11-25", result.GetProperty("protocolVersion").GetString());
        string? sessionId = response.Header("MCP-Session-Id");
        Assert.NotNull(sessionId);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", sessionId);
        Assert.Equal(response.Body.Length, response.ContentLength);
    }

    [Fact]
    public async Task Post_ToolCall_Returns200JsonWithoutSse()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":"call-1","method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}""", session, "2025-11-25"));

        JsonElement result = JsonRpcAssert.Result(response, "\"call-1\"");
        Assert.Equal("hi", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(response.IsChunked);
    }

    [Fact]
    public async Task Post_ToolReportingProgress_Returns200SseWithPrimingEventProgressThenResult()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        await using RawHttpClient raw = await RawHttpClient.ConnectAsync(server.BaseAddress);

        await raw.SendAsync(RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"progress","arguments":{"steps":3},"_meta":{"progressToken":"tok"}}}""", session, "2025-11-25"));
        RawHttpResponse head = await raw.ReadResponseHeadAsync();

        Assert.Equal(200, head.StatusCode);
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        Assert.Contains("no-cache", head.Header("Cache-Control"), StringComparison.Ordinal);
        SseEvent priming = (await raw.ReadSseEventAsync())!;
        Assert.Equal("1.0", priming.Id);
        Assert.Equal(string.Empty, priming.Data);
        for (int step = 1; step <= 3; step++)
        {
            SseEvent progress = (await raw.ReadSseEventAsync())!;
            Assert.Equal($"1.{step}", progress.Id);
            using JsonDocument message = JsonDocument.Parse(progress.Data!);
            Assert.Equal("notifications/progress", message.RootElement.GetProperty("method").GetString());
            Assert.Equal("tok", message.RootElement.GetProperty("params").GetProperty("progressToken").GetString());
            Assert.Equal(step, message.RootElement.GetProperty("params").GetProperty("progress").GetDouble());
        }

        SseEvent final = (await raw.ReadSseEventAsync())!;
        Assert.Equal("1.4", final.Id);
        JsonElement result = JsonRpcAssert.ResultMessage(final.Data!, "5");
        Assert.Equal("progress done", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Null(await raw.ReadSseEventAsync());
    }

    [Fact]
    public async Task Post_ToolReportingProgress_On20250326Session_ReturnsSseWithoutPrimingEvent()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync("2025-03-26");
        await using RawHttpClient raw = await RawHttpClient.ConnectAsync(server.BaseAddress);

        await raw.SendAsync(RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"progress","arguments":{"steps":1},"_meta":{"progressToken":1}}}""", session));
        RawHttpResponse head = await raw.ReadResponseHeadAsync();

        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        SseEvent first = (await raw.ReadSseEventAsync())!;
        Assert.True(first.HasMessage, "A 2025-03-26 client does not know priming events; none may be sent.");
        Assert.Equal("1.1", first.Id);
        SseEvent second = (await raw.ReadSseEventAsync())!;
        JsonRpcAssert.ResultMessage(second.Data!, "5");
        Assert.Null(await raw.ReadSseEventAsync());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":12345}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/some_future_thing","params":{"x":1}}""")]
    public async Task Post_Notification_Returns202WithoutBody(string notification)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(notification, session, "2025-11-25"));

        JsonRpcAssert.Accepted(response);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":77,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":78,"error":{"code":-1,"message":"declined"}}""")]
    public async Task Post_ClientResponse_Returns202WithoutBody(string clientResponse)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(clientResponse, session, "2025-11-25"));

        JsonRpcAssert.Accepted(response);
    }

    [Fact]
    public async Task Post_WithoutSessionHeader_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping));

        JsonRpcAssert.Rejection(response, McpRejection.SessionRequired, "1");
    }

    [Fact]
    public async Task Post_BadJson_Returns400ParseError()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""{"jsonrpc":"2.0","id":1,"method":"ping" """, session));

        JsonRpcAssert.Rejection(response, McpRejection.ParseError);
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400ParseError()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(string.Empty, session));

        JsonRpcAssert.Rejection(response, McpRejection.EmptyBody);
    }

    [Fact]
    public async Task Post_BadJsonRpc_Returns400InvalidRequestWithRecoveredId()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""{"jsonrpc":"1.0","id":3,"method":"ping"}""", session));

        JsonRpcAssert.Rejection(response, McpRejection.InvalidRequest, "3");
    }

    [Theory]
    [InlineData("2099-01-01", McpRejection.InvalidRequestMeta)]
    [InlineData("latest", McpRejection.InvalidRequestMeta)]
    [InlineData("2024-11-05", McpRejection.UnsupportedProtocolVersion)]
    public async Task Post_UnsupportedProtocolVersion_Returns400(string version, McpRejection expected)
    {
        // A legacy-era version that is not served is refused on the session path; another value marks a modern
        // request, which without its _meta is invalid. Both are 400 and echo the request's id.
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session, version));

        JsonRpcAssert.Rejection(response, expected, "1");
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    public async Task Post_BatchOnSessionWithoutBatches_Returns400(string version)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync(version);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post($"[{Ping}]", session, version));

        JsonRpcAssert.Rejection(response, McpRejection.BatchNotSupported);
    }

    [Fact]
    public async Task Post_InitializeInBatch_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync("2025-03-26");

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post($"[{McpTestClient.InitializeJson(9)},{Ping}]", session));

        JsonRpcAssert.Rejection(response, McpRejection.InitializeInBatch);
    }

    [Fact]
    public async Task Post_InitializeOnInitializedSession_Returns400AlreadyInitialized()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(McpTestClient.InitializeJson(9), session, "2025-11-25"));

        JsonRpcAssert.Rejection(response, McpRejection.AlreadyInitialized, "9");
    }

    [Fact]
    public async Task Post_WithUnknownSession_Returns404()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, "no-such-session", "2025-11-25"));

        JsonRpcAssert.Rejection(response, McpRejection.SessionNotFound, "1");
    }

    [Fact]
    public async Task Post_ToolThatThrows_ReturnsToolErrorWithoutExceptionText()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool(
            "explode", string () => throw new InvalidOperationException("secret detail from System.Private")));
        server.Logs.ExpectError(e => e.Exception is InvalidOperationException { Message: "secret detail from System.Private" });
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"explode"}}""", session, "2025-11-25"));

        string text = JsonRpcAssert.ToolError(response, "2");
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Single(server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
