using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// The modern request pipeline's checks on real Kestrel, in the spec's order: <c>MCP-Protocol-Version</c> present
/// (-32020), <c>_meta</c> complete (-32602), header equal to <c>_meta</c> (-32020), version served (-32022 with
/// <c>supported</c> and <c>requested</c>), <c>Mcp-Method</c> equal to the body (-32020), method known (404, -32601).
/// Every rejection is HTTP 400 (404 for the method) with an <c>application/json</c> body that echoes the request id,
/// and none carries a session id.
/// </summary>
public sealed class ModernValidationTests : IAsyncLifetime
{
    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ModernServers.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("1")]
    [InlineData("\"req-1\"")]
    public async Task Post_WithoutProtocolVersionHeader_Returns400HeaderMismatch(string idJson)
    {
        RawHttpRequest request = ModernWire.Post(ModernWire.Body(idJson, McpMethods.ToolsList), version: null);

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, idJson);
    }

    public static TheoryData<string, string> IncompleteMeta => new()
    {
        { "no params", ModernWire.Envelope("3", McpMethods.ToolsList, null) },
        { "params without _meta", ModernWire.Envelope("3", McpMethods.ToolsList, new JsonObject()) },
        { "_meta not an object", ModernWire.Envelope("3", McpMethods.ToolsList, new JsonObject { ["_meta"] = 5 }) },
        { "_meta without protocolVersion", ModernWire.Envelope("3", McpMethods.ToolsList, MetaWithout(McpMetaKeys.ProtocolVersion)) },
        { "_meta without clientCapabilities", ModernWire.Envelope("3", McpMethods.ToolsList, MetaWithout(McpMetaKeys.ClientCapabilities)) },
        { "protocolVersion not a string", ModernWire.Envelope("3", McpMethods.ToolsList, MetaWith(McpMetaKeys.ProtocolVersion, 20260728)) },
        { "clientCapabilities not an object", ModernWire.Envelope("3", McpMethods.ToolsList, MetaWith(McpMetaKeys.ClientCapabilities, "all")) },
    };

    [Theory]
    [MemberData(nameof(IncompleteMeta))]
    public async Task Post_MetaMissingOrIncomplete_Returns400InvalidParams(string what, string body)
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Post(body));

        Assert.True(answer.Head.StatusCode == 400, what);
        ModernAssert.Rejection(answer, McpRejection.InvalidRequestMeta, "3");
    }

    [Fact]
    public async Task Post_MetaWithoutClientInfo_IsServed()
    {
        // clientInfo is optional: "servers MUST NOT require it".
        JsonObject parameters = MetaWithout(McpMetaKeys.ClientInfo);

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Post(ModernWire.Envelope("3", McpMethods.ToolsList, parameters)));

        ModernAssert.Result(answer, "3");
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2099-01-01")]
    public async Task Post_HeaderVersionDiffersFromMeta_Returns400HeaderMismatch(string headerVersion)
    {
        RawHttpRequest request = ModernWire.Post(ModernWire.Body("4", McpMethods.ToolsList), version: headerVersion);

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "4");
    }

    [Fact]
    public async Task Post_UnsupportedVersion_Returns32022_WithDiscoversSupportedVersionsAndTheRequestedOne()
    {
        const string future = "2099-01-01";
        ModernAnswer discover = await ModernWire.ExchangeAsync(_server, ModernWire.Request("1", McpMethods.ServerDiscover));
        string[] supported = [.. ModernAssert.Result(discover, "1").GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()!)];

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Post(ModernWire.Body("\"v\"", McpMethods.ToolsList, version: future), version: future));

        JsonElement error = ModernAssert.Error(answer, 400, JsonRpcErrorCodes.UnsupportedProtocolVersion, "\"v\"");
        JsonElement data = error.GetProperty("data");
        Assert.Equal(future, data.GetProperty("requested").GetString());
        Assert.Equal(supported, data.GetProperty("supported").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(McpProtocolVersions.V20260728, supported[0]);
    }

    [Fact]
    public async Task Post_UnsupportedVersion_IsReportedBeforeHeaderChecks()
    {
        // Step 4 comes before step 5: the Mcp-Method of a revision the server does not serve is not judged.
        const string future = "2099-01-01";
        RawHttpRequest request = ModernWire.Post(ModernWire.Body("5", McpMethods.ToolsList, version: future), version: future).SetHeader("Mcp-Method", "nonsense");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.UnsupportedProtocolVersion, "5");
    }

    [Fact]
    public async Task Post_MissingHeaderAndMeta_ReportsTheHeaderFirst()
    {
        RawHttpRequest request = RawHttpRequest.Post(ModernWire.Body("6", McpMethods.ToolsList)).WithHeader("Mcp-Method", "wrong");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "6");
    }

    [Fact]
    public async Task Post_MissingMetaAndWrongMethodHeader_ReportsTheMetaFirst()
    {
        RawHttpRequest request = ModernWire.Post(ModernWire.Envelope("7", McpMethods.ToolsList, new JsonObject())).SetHeader("Mcp-Method", "wrong");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Rejection(answer, McpRejection.InvalidRequestMeta, "7");
    }

    public static TheoryData<string, string[]> BadMethodHeaders => new()
    {
        { "missing", [] },
        { "another method", ["tools/call"] },
        { "wrong case", ["TOOLS/LIST"] },
        { "sent twice", ["tools/list", "tools/list"] },
        { "empty", [""] },
    };

    [Theory]
    [MemberData(nameof(BadMethodHeaders))]
    public async Task Post_McpMethodHeaderMissingOrWrong_Returns400HeaderMismatch(string what, string[] values)
    {
        RawHttpRequest request = ModernWire.Post(ModernWire.Body("8", McpMethods.ToolsList)).WithoutHeader("Mcp-Method");
        foreach (string value in values)
        {
            request.WithHeader("Mcp-Method", value);
        }

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        Assert.True(answer.Head.StatusCode == 400, $"{what}: {answer.Head.BodyText}");
        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "8");
    }

    [Fact]
    public async Task Post_McpMethodHeaderWithSurroundingWhitespace_IsAccepted()
    {
        RawHttpRequest request = ModernWire.Post(ModernWire.Body("9", McpMethods.ToolsList)).SetHeader("Mcp-Method", " \ttools/list\t ");

        ModernAssert.Result(await ModernWire.ExchangeAsync(_server, request), "9");
    }

    [Theory]
    [InlineData(McpMethods.Initialize)]
    [InlineData(McpMethods.Ping)]
    [InlineData(McpMethods.LoggingSetLevel)]
    [InlineData(McpMethods.ResourcesSubscribe)]
    [InlineData(McpMethods.ResourcesUnsubscribe)]
    [InlineData("tasks/list")]
    [InlineData("tasks/result")]
    [InlineData("no/such/method")]
    public async Task Post_RemovedOrUnknownMethod_Returns404MethodNotFound(string method)
    {
        string parameters = method switch
        {
            McpMethods.Initialize => """{"protocolVersion":"2026-07-28","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""",
            McpMethods.LoggingSetLevel => """{"level":"debug"}""",
            McpMethods.ResourcesSubscribe or McpMethods.ResourcesUnsubscribe => """{"uri":"test://static/hello"}""",
            _ => "{}",
        };

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Request("\"m\"", method, parameters));

        ModernAssert.Error(answer, 404, JsonRpcErrorCodes.MethodNotFound, "\"m\"");
    }

    [Fact]
    public async Task Post_InitializeWithoutModernMarkers_StillOpensALegacySession()
    {
        // The other era on the same endpoint: no _meta version and no modern header means legacy.
        RawHttpResponse response = await RawHttpClient.ExchangeAsync(_server.BaseAddress, RawHttpRequest.Post(McpTestClient.InitializeJson()));

        Assert.Equal(200, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Header("Mcp-Session-Id")));
    }

    [Theory]
    [InlineData("notifications/initialized")]
    [InlineData("notifications/cancelled")]
    [InlineData("notifications/roots/list_changed")]
    public async Task Post_Notification_Returns202WithNoBody(string method)
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, ModernWire.Post(ModernWire.Body(null, method, method == "notifications/cancelled" ? """{"requestId":1}""" : null)));

        JsonRpcAssert.Accepted(answer.Head);
    }

    [Fact]
    public async Task Post_ModernRequestCarryingASessionId_IsServedStatelesslyAndIgnoresIt()
    {
        RawHttpRequest request = ModernWire.Request("10", McpMethods.ToolsList).SetHeader("Mcp-Session-Id", "not-a-session");

        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, request);

        ModernAssert.Result(answer, "10");
        Assert.Equal(0, _server.McpServer.SessionCount);
    }

    [Fact]
    public async Task Post_ValidModernRequests_CreateNoSession()
    {
        foreach (string method in new[] { McpMethods.ServerDiscover, McpMethods.ToolsList, McpMethods.PromptsList })
        {
            ModernAssert.Result(await ModernWire.ExchangeAsync(_server, ModernWire.Request("1", method)), "1");
        }

        Assert.Equal(0, _server.McpServer.SessionCount);
        Assert.Equal(0, _server.McpServer.Governor.Held(McpBudget.Sessions));
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")] // not JSON
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{}}")] // a notification without _meta
    public async Task Post_ModernErrorWithoutAKnowableId_OmitsTheIdInsteadOfSendingNull(string body)
    {
        // The 2026-07-28 schema types JSONRPCErrorResponse.id as string | integer and makes it optional: an error whose
        // request id cannot be known leaves it out; "id": null does not validate (the suite's wire-schema-valid).
        ModernAnswer answer = await ModernWire.ExchangeAsync(_server, RawHttpRequest.Post(body, protocolVersion: ModernWire.Version).WithHeader("Mcp-Method", "notifications/initialized"));

        Assert.Equal(400, answer.Head.StatusCode);
        Assert.Equal("application/json", JsonRpcAssert.MediaType(answer.Head.ContentType));
        JsonElement message = ModernWire.Parse(answer.Head.BodyText);
        Assert.True(message.TryGetProperty("error", out _), answer.Head.BodyText);
        Assert.False(message.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.Null, $"A modern error must not carry \"id\": null: {answer.Head.BodyText}");
    }

    private static JsonObject MetaWithout(string key)
    {
        JsonObject parameters = JsonNode.Parse(ModernWire.Body("1", McpMethods.ToolsList))!["params"]!.DeepClone().AsObject();
        parameters["_meta"]!.AsObject().Remove(key);
        return parameters;
    }

    private static JsonObject MetaWith(string key, JsonNode value)
    {
        JsonObject parameters = JsonNode.Parse(ModernWire.Body("1", McpMethods.ToolsList))!["params"]!.DeepClone().AsObject();
        parameters["_meta"]![key] = value;
        return parameters;
    }
}
