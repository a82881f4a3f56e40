using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>JSON-RPC batches, which only sessions that negotiated 2025-03-26 may send.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task Batch_On20250326Session_ReturnsJsonArrayOfResponses()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}]""", session));

        Dictionary<string, JsonElement> answers = ParseArray(response);
        Assert.Equal(["1", "2"], answers.Keys.Order());
        Assert.True(answers["1"].TryGetProperty("result", out _));
        Assert.Equal("5", answers["2"].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Batch_MixedValidAndInvalidItems_AnswersEveryRequestAndEveryBadItem()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""
            [
              {"jsonrpc":"2.0","id":1,"method":"ping"},
              {"jsonrpc":"1.0","id":2,"method":"ping"},
              42,
              {"jsonrpc":"2.0","id":4,"method":"no/such/method"},
              {"jsonrpc":"2.0","method":"notifications/initialized"},
              {"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"echo","arguments":{"text":5}}},
              {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":7}}
            ]
            """, session));

        Assert.Equal(200, response.StatusCode);
        using JsonDocument document = JsonDocument.Parse(response.Body);
        JsonElement[] items = [.. document.RootElement.EnumerateArray()];
        Assert.Equal(6, items.Length);
        Assert.Single(items, i => i.GetProperty("id").ValueKind == JsonValueKind.Null);
        JsonRpcAssert.ErrorMessage(items.Single(i => i.GetProperty("id").ValueKind == JsonValueKind.Null).GetRawText(), JsonRpcErrorCodes.InvalidRequest);
        Dictionary<string, JsonElement> byId = items.Where(i => i.GetProperty("id").ValueKind != JsonValueKind.Null).ToDictionary(i => i.GetProperty("id").GetRawText());
        Assert.True(byId["1"].TryGetProperty("result", out _));
        JsonRpcAssert.ErrorMessage(byId["2"].GetRawText(), JsonRpcErrorCodes.InvalidRequest, "2");
        JsonRpcAssert.ErrorMessage(byId["4"].GetRawText(), JsonRpcErrorCodes.MethodNotFound, "4");
        Assert.True(byId["6"].GetProperty("result").GetProperty("isError").GetBoolean());
        JsonRpcAssert.ErrorMessage(byId["7"].GetRawText(), JsonRpcErrorCodes.InvalidParams, "7");
    }

    [Fact]
    public async Task Batch_OnlyNotifications_Returns202()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}},{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}]""", session));

        JsonRpcAssert.Accepted(response);
    }

    [Fact]
    public async Task Batch_OnlyNotificationsAndClientResponses_Returns202()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","id":500,"result":{}},{"jsonrpc":"2.0","method":"notifications/initialized"}]""", session));

        JsonRpcAssert.Accepted(response);
    }

    [Fact]
    public async Task Batch_Empty_Returns400InvalidRequest()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("[]", session));

        JsonRpcAssert.Rejection(response, McpRejection.InvalidRequest);
    }

    [Fact]
    public async Task Batch_OverMaxBatchSize_Returns400InvalidRequest()
    {
        await using KestrelTestServer server = await TestServers.StartAsync(o => o.ConfigureHttp = h => h.MaxBatchSize = 2);
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse atLimit = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""", session));
        RawHttpResponse overLimit = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","id":3,"method":"ping"}]""", session));

        Assert.Equal(2, ParseArray(atLimit).Count);
        JsonRpcAssert.Rejection(overLimit, McpRejection.InvalidRequest);
    }

    [Fact]
    public async Task Batch_InvalidJson_Returns400ParseError()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""[{"jsonrpc":"2.0","id":1,"method":"ping"},""", session));

        JsonRpcAssert.Rejection(response, McpRejection.ParseError);
    }

    [Fact]
    public async Task Batch_WithoutSession_Returns400SessionRequired()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]"""));

        JsonRpcAssert.Rejection(response, McpRejection.SessionRequired);
    }

    [Fact]
    public async Task Batch_WithToolReportingProgress_AnswersEveryRequestOverSse()
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        string session = await InitializeLegacyAsync(server);
        await using RawHttpClient raw = await RawHttpClient.ConnectAsync(server.BaseAddress);

        RawHttpResponse head = await raw.SendAndReadHeadAsync(RawHttpRequest.Post(
            """[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"progress","arguments":{"steps":2},"_meta":{"progressToken":"b"}}},{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","id":3,"method":"bogus"}]""", session));

        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        var progress = new List<double>();
        var responses = new Dictionary<string, JsonElement>();
        for (int i = 0; i < 10 && await raw.ReadSseMessageAsync() is { } e; i++)
        {
            using JsonDocument message = JsonDocument.Parse(e.Data!);
            if (message.RootElement.TryGetProperty("method", out _))
            {
                progress.Add(message.RootElement.GetProperty("params").GetProperty("progress").GetDouble());
            }
            else
            {
                responses[message.RootElement.GetProperty("id").GetRawText()] = message.RootElement.Clone();
            }
        }

        Assert.Equal([1d, 2d], progress);
        Assert.Equal(["1", "2", "3"], responses.Keys.Order());
        JsonRpcAssert.ErrorMessage(responses["3"].GetRawText(), JsonRpcErrorCodes.MethodNotFound, "3");
    }

    private static async Task<string> InitializeLegacyAsync(KestrelTestServer server)
    {
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync("2025-03-26");
        Assert.Equal("2025-03-26", client.ProtocolVersion);
        return session;
    }

    private static Dictionary<string, JsonElement> ParseArray(RawHttpResponse response)
    {
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", JsonRpcAssert.MediaType(response.ContentType));
        JsonRpcAssert.NoInternals(response.BodyText);
        using JsonDocument document = JsonDocument.Parse(response.Body);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetRawText(), e => e.Clone());
    }
}
