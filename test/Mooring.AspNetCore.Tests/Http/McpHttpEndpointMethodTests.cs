using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>HTTP methods other than POST and GET: DELETE, and 405 with an Allow header for the rest.</summary>
public sealed class McpHttpEndpointMethodTests
{
    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task OtherMethod_OnMcpEndpoint_Returns405WithAllowHeader(string method)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpRequest request = RawHttpRequest.Create(method).WithSession(session);
        request.Body = "{}"u8.ToArray();
        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, request);

        JsonRpcAssert.Rejection(response, McpRejection.MethodNotAllowed);
        Assert.Equal("GET, POST, DELETE", response.Header("Allow"));
    }

    [Fact]
    public async Task Head_OnMcpEndpoint_Returns405WithAllowHeaderAndNoBody()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        await using RawHttpClient raw = await RawHttpClient.ConnectAsync(server.BaseAddress);

        RawHttpResponse response = await raw.SendAndReadAsync(RawHttpRequest.Create("HEAD"));

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET, POST, DELETE", response.Header("Allow"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Delete_WhenTerminationDisabled_Returns405WithoutDeleteInAllow()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.AllowClientSessionTermination = false);
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE").WithSession(session));

        JsonRpcAssert.Rejection(response, McpRejection.MethodNotAllowed);
        Assert.Equal("GET, POST", response.Header("Allow"));
        Assert.True((await client.SendRequestAsync("ping")).TryGetProperty("result", out _), "The session must survive a refused DELETE.");
    }

    [Fact]
    public async Task Delete_WithoutSession_Returns400()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE"));

        JsonRpcAssert.Rejection(response, McpRejection.SessionRequired);
    }

    [Fact]
    public async Task Delete_UnknownSession_Returns404()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE").WithSession("unknown"));

        JsonRpcAssert.Rejection(response, McpRejection.SessionNotFound);
    }

    [Fact]
    public async Task Delete_WithUnsupportedVersion_Returns400AndKeepsTheSession()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Create("DELETE").WithSession(session, "1999-01-01"));

        JsonRpcAssert.Rejection(response, McpRejection.UnsupportedProtocolVersion);
        Assert.True((await client.SendRequestAsync("ping")).TryGetProperty("result", out _));
    }
}
