using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server.Stdio.Tests;

[Collection("stdio")] // StdioTools holds static signals: one test at a time.
public sealed class McpStdioTransportTests
{
    public McpStdioTransportTests() => StdioTools.Reset();

    private static Task<StdioTestServer> StartAsync(Action<McpStdioOptions>? stdio = null) =>
        StdioTestServer.StartAsync(b => b.WithPrimitives(typeof(StdioTools)), stdio);

    [Fact]
    public async Task ToolsCall_AfterInitialize_AnswersOnOneLine()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"over stdio"}}}""");
        (JsonElement response, List<JsonElement> before) = await server.ReadResponseAsync(1);

        Assert.Empty(before);
        Assert.Equal("over stdio", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Progress_DuringCall_IsWrittenBeforeTheResponse()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"progress","_meta":{"progressToken":7}}}""");
        (JsonElement response, List<JsonElement> before) = await server.ReadResponseAsync(2);

        Assert.Equal("done", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal([1.0, 2.0, 3.0], before.Select(m => m.GetProperty("params").GetProperty("progress").GetDouble()));
        Assert.All(before, m => Assert.Equal(7, m.GetProperty("params").GetProperty("progressToken").GetInt32()));
    }

    [Theory]
    [InlineData("{not json", JsonRpcErrorCodes.ParseError)]
    [InlineData("[1,", JsonRpcErrorCodes.ParseError)]
    [InlineData("""{"jsonrpc":"1.0","id":5,"method":"ping"}""", JsonRpcErrorCodes.InvalidRequest)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", JsonRpcErrorCodes.InvalidRequest)]
    [InlineData("\"just a string\"", JsonRpcErrorCodes.InvalidRequest)]
    public async Task MalformedLine_GetsAnError_AndTheServerKeepsServing(string line, int code)
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync(line);
        JsonElement error = await server.ReadAsync();
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.DoesNotContain("Exception", error.GetRawText(), StringComparison.Ordinal);

        await server.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"ping"}""");
        (JsonElement pong, _) = await server.ReadResponseAsync(9);
        Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task BlankLinesAndCarriageReturns_AreTolerated()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendRawAsync(Encoding.UTF8.GetBytes("\n\r\n   \n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\r\n"));
        (JsonElement pong, List<JsonElement> before) = await server.ReadResponseAsync(3);

        Assert.Empty(before);
        Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task OverlongLine_GetsOneParseError_ThenTheNextLineIsServed()
    {
        await using StdioTestServer server = await StartAsync(o => o.MaxMessageSize = 1024);
        await server.InitializeAsync();

        await server.SendRawAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":{\"x\":\"" + new string('a', 50_000) + "\"}}\n"));
        JsonElement error = await server.ReadAsync();
        Assert.Equal(JsonRpcErrorCodes.ParseError, error.GetProperty("error").GetProperty("code").GetInt32());

        await server.SendAsync("""{"jsonrpc":"2.0","id":5,"method":"ping"}""");
        (JsonElement pong, List<JsonElement> before) = await server.ReadResponseAsync(5);
        Assert.Empty(before);
        Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Batch_On20250326_IsAnsweredWithAnArray()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync("2025-03-26");

        await server.SendAsync("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"b"}}},{"jsonrpc":"2.0"}]""");
        JsonElement answer = await server.ReadAsync();

        Assert.Equal(JsonValueKind.Array, answer.ValueKind);
        Assert.Equal(3, answer.GetArrayLength());
        Assert.Contains(answer.EnumerateArray(), m => m.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 2
            && m.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString() == "b");
        Assert.Contains(answer.EnumerateArray(), m => m.TryGetProperty("error", out JsonElement e) && e.GetProperty("code").GetInt32() == JsonRpcErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task Batch_On20251125_IsRejected()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""");
        JsonElement error = await server.ReadAsync();

        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, error.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task BlockingHandler_DoesNotStopOtherRequests()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"block"}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        (JsonElement pong, _) = await server.ReadResponseAsync(2);
        Assert.Equal(JsonValueKind.Object, pong.GetProperty("result").ValueKind);

        StdioTools.Gate.Set();
        (JsonElement released, _) = await server.ReadResponseAsync(1);
        Assert.Equal("released", released.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task CancelledNotification_CancelsTheHandler_AndNoResponseIsSent()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"wait_for_cancel"}}""");
        await Task.Delay(100);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"test"}}""");
        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The next line is the ping's answer: the cancelled request got none.
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        JsonElement next = await server.ReadAsync();
        Assert.Equal(2, next.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task StdinClosed_CancelsInFlightHandlers_AndStopsTheApplication()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();
        Task stopping = server.Stopping;

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"wait_for_cancel"}}""");
        await Task.Delay(100);
        await server.CloseInputAsync();

        await StdioTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(server.Services.GetRequiredService<McpServer>().Sessions);
    }

    [Fact]
    public async Task NotificationsAndResponses_FromClient_ProduceNoOutput()
    {
        await using StdioTestServer server = await StartAsync();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/unknown"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":77,"result":{}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        JsonElement next = await server.ReadAsync();

        Assert.Equal(3, next.GetProperty("id").GetInt32());
    }
}
