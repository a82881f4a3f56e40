using System.Text;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// The other side of the corpus: unusual but valid input is served, not rejected. Each case sits next to a corpus
/// case it differs from by one step (one BOM, not two; depth 64, not 65; an id that just fits in 64 bits).
/// </summary>
public sealed class TolerantInputTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":0,"method":"ping"}""", "0")]
    [InlineData("""{"jsonrpc":"2.0","id":-1,"method":"ping"}""", "-1")]
    [InlineData("""{"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}""", "9223372036854775807")]
    [InlineData("""{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}""", "-9223372036854775808")]
    [InlineData("""{"jsonrpc":"2.0","id":"","method":"ping"}""", "\"\"")]
    [InlineData("""{"jsonrpc":"2.0","id":"\u00e9\u4e2d","method":"ping"}""", "\"\u00e9\u4e2d\"")]
    [InlineData("""{"method":"ping","id":3,"jsonrpc":"2.0"}""", "3")]
    [InlineData(""" {"jsonrpc" : "2.0" , "id" : 4 , "method" : "ping"} """ + "\r\n", "4")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"p\u0069ng"}""", "5")]
    [InlineData("""{"jsonrpc":"2.0","id":6,"method":"ping","params":{}}""", "6")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"ping","extra":{"ignored":[1,2,3]}}""", "7")]
    [InlineData("""{"jsonrpc":"2.0","id":8,"method":"ping","params":{"_meta":{"progressToken":"p","custom/key":true}}}""", "8")]
    public async Task Post_UnusualButValidRequest_IsAnsweredWithItsId(string json, string expectedId)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(json, session));

        JsonRpcAssert.Result(response, expectedId);
    }

    [Fact]
    public async Task Post_WithOneUtf8Bom_IsServed()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8];

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(body, session)), "1");
    }

    [Fact]
    public async Task Post_NestedToDefaultMaxDepth_IsServed()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        // The envelope is depth 1 and params depth 2: 62 arrays put the deepest token at 64, the default limit.
        string json = """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""" + new string('[', 62) + new string(']', 62) + "}}";

        JsonRpcAssert.Result(await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(json, session)), "1");
    }

    [Fact]
    public async Task Post_ToolCallWithUnknownExtraArgument_IgnoresIt()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"ok","unexpected":[1]}}}""", session));

        Assert.Equal("ok", JsonRpcAssert.Result(response, "1").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Post_MultibyteTextArgument_RoundTripsExactly()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();
        const string Text = "h\u00e9llo \u4e16\u754c \U0001F600";

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":""" + "\"" + Text + "\"}}}"), session));

        Assert.Equal(Text, JsonRpcAssert.Result(response, "1").GetProperty("content")[0].GetProperty("text").GetString());
    }
}
