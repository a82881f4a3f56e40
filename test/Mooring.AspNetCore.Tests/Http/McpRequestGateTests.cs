using System.Text;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>
/// The checks that run before any MCP processing (McpRequestGate): Host and Origin (403), Accept (406),
/// Content-Type (415), the protocol version header (400) and the body limit (413), on a real Kestrel.
/// </summary>
public sealed class McpRequestGateTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://localhost.evil.example")]
    [InlineData("null")]
    [InlineData("file://")]
    [InlineData("not a url")]
    public async Task Post_WithForeignOrigin_Returns403(string origin)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).WithHeader("Origin", origin));

        JsonRpcAssert.Rejection(response, McpRejection.ForbiddenOrigin);
    }

    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1")]
    [InlineData("https://[::1]:8443")]
    public async Task Post_WithLoopbackOrigin_Returns200(string origin)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).WithHeader("Origin", origin));

        JsonRpcAssert.Result(response, "1");
    }

    [Theory]
    [InlineData("https://app.example", 200)]
    [InlineData("https://APP.example:443", 200)]
    [InlineData("https://app.example:8443", 403)]
    [InlineData("http://app.example", 403)]
    [InlineData("http://localhost:5173", 403)]
    public async Task Post_WithConfiguredOrigins_AcceptsOnlyThoseOrigins(string origin, int expected)
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.AllowedOrigins.Add("https://app.example"));
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).WithHeader("Origin", origin));

        if (expected == 200)
        {
            JsonRpcAssert.Result(response, "1");
        }
        else
        {
            JsonRpcAssert.Rejection(response, McpRejection.ForbiddenOrigin);
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example:80")]
    [InlineData("10.0.0.1")]
    [InlineData("127.0.0.2")]
    public async Task Post_WithForeignHost_Returns403(string host)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpRequest request = RawHttpRequest.Post(McpTestClient.InitializeJson());
        request.Host = host;
        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, request);

        JsonRpcAssert.Rejection(response, McpRejection.ForbiddenHost);
        Assert.Null(response.Header("MCP-Session-Id"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8080")]
    [InlineData("[::1]:3001")]
    public async Task Post_WithLoopbackHostName_Returns200(string host)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpRequest request = RawHttpRequest.Post(McpTestClient.InitializeJson());
        request.Host = host;
        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, request);

        JsonRpcAssert.Result(response, "1");
    }

    [Fact]
    public async Task Post_WithConfiguredHost_AcceptsItAndStillRejectsOthers()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h =>
        {
            h.AllowedHosts.Clear();
            h.AllowedHosts.Add("mcp.example");
        });

        RawHttpRequest allowed = RawHttpRequest.Post(McpTestClient.InitializeJson());
        allowed.Host = "mcp.example:443";
        RawHttpRequest loopback = RawHttpRequest.Post(McpTestClient.InitializeJson());
        loopback.Host = "localhost";

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, allowed), "1");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, loopback), McpRejection.ForbiddenHost);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task AnyMethod_WithForeignOrigin_Returns403BeforeAnythingElse(string method)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create(method)
            .WithHeader("Accept", "text/event-stream").WithSession(session).WithHeader("Origin", "https://evil.example"));

        JsonRpcAssert.Rejection(response, McpRejection.ForbiddenOrigin);
        Assert.True((await client.SendRequestAsync("ping")).TryGetProperty("result", out _), "The rejected request must not have harmed the session.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/event-stream")]
    [InlineData("text/html, application/xml")]
    [InlineData("application/jsonx, text/event-streams")]
    [InlineData("!!garbage!!")]
    public async Task Post_WithoutBothMediaTypesInAccept_Returns406(string? accept)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Ping, session).WithoutHeader("Accept");
        if (accept is not null)
        {
            request.WithHeader("Accept", accept);
        }

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), McpRejection.NotAcceptable);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*, text/*")]
    [InlineData("text/event-stream, application/json")]
    [InlineData("APPLICATION/JSON;q=0.9, Text/Event-Stream;q=0.1")]
    [InlineData("text/html, */*;q=0.8")]
    public async Task Post_WithAcceptAllowingBoth_Returns200(string accept)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).SetHeader("Accept", accept));

        JsonRpcAssert.Result(response, "1");
    }

    [Fact]
    public async Task Post_WithAcceptSplitOverTwoHeaderLines_Returns200()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Ping, session).SetHeader("Accept", "application/json").WithHeader("Accept", "text/event-stream");

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), "1");
    }

    [Fact]
    public async Task Post_WithoutAccept_WhenAcceptNotRequired_Returns200()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.RequireAcceptHeader = false);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).WithoutHeader("Accept"));

        JsonRpcAssert.Result(response, "1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/html")]
    public async Task Get_WithoutEventStreamInAccept_Returns406(string? accept)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Get(session).WithoutHeader("Accept");
        if (accept is not null)
        {
            request.WithHeader("Accept", accept);
        }

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), McpRejection.NotAcceptable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json-seq")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Post_WithWrongContentType_Returns415(string? contentType)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Ping, session).WithoutHeader("Content-Type");
        if (contentType is not null)
        {
            request.WithHeader("Content-Type", contentType);
        }

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), McpRejection.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; Charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf-8;foo=bar")]
    public async Task Post_WithJsonContentTypeVariants_Returns200(string contentType)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session).SetHeader("Content-Type", contentType));

        JsonRpcAssert.Result(response, "1");
    }

    [Fact]
    public async Task Post_WithOtherSupportedVersionThanNegotiated_IsTolerated()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Ping, session, "2025-06-18"));

        JsonRpcAssert.Result(response, "1");
    }

    [Fact]
    public async Task Post_WithTwoVersionHeaders_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Ping, session, "2025-11-25").WithHeader("MCP-Protocol-Version", "2025-11-25");

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), McpRejection.UnsupportedProtocolVersion, "1");
    }

    [Fact]
    public async Task Post_BodyAtLimit_IsServed_AndOneByteMore_Returns413()
    {
        const int Limit = 4096;
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.MaxRequestBodySize = Limit);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        // Trailing whitespace is valid JSON, so only the size differs between the two bodies.
        byte[] atLimit = Encoding.UTF8.GetBytes(Ping.PadRight(Limit));
        byte[] overLimit = Encoding.UTF8.GetBytes(Ping.PadRight(Limit + 1));

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(atLimit, session)), "1");
        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(overLimit, session)), McpRejection.BodyTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413()
    {
        const int Limit = 4096;
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.MaxRequestBodySize = Limit);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Encoding.UTF8.GetBytes(Ping.PadRight(Limit * 4)), session);
        request.ChunkSize = 1000;

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), McpRejection.BodyTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyUnderLimit_IsServed()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Post(Ping, session);
        request.ChunkSize = 3;

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, request), "1");
    }

    [Fact]
    public async Task Post_WithContentLengthOverLimit_Returns413WithoutWaitingForTheBody()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.MaxRequestBodySize = 4096);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        // The client announces 100 MB and sends 10 bytes: the answer must not wait for the rest.
        RawHttpRequest request = RawHttpRequest.Post(Encoding.UTF8.GetBytes("{\"jsonrpc\""), session);
        request.ContentLengthOverride = 100_000_000;

        JsonRpcAssert.Rejection(await RawHttpClient.ExchangeAsync(server.BaseAddress, request, TimeSpan.FromSeconds(5)), McpRejection.BodyTooLarge);
    }
}
