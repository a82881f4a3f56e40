using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// Multi round-trip requests on real Kestrel, and the same tool (<see cref="ModernTestTools.AskNameAsync"/>, written
/// once) answering an elicitation in both eras: in a legacy session the server sends <c>elicitation/create</c> on the
/// POST's stream and the client answers it; on a modern request the server answers <c>input_required</c> with
/// <c>inputRequests</c> and a sealed <c>requestState</c>, and the retry with <c>inputResponses</c> completes. State
/// that was altered, has expired, or comes back with other arguments or another tool is refused.
/// </summary>
public sealed class ModernInputTests
{
    private const string Elicitation = """{"elicitation":{}}""";
    private const string AskName = """{"name":"ask_name"}""";
    private const string AdaAnswer = """{"action":"accept","content":{"name":"Ada"}}""";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AskName_InALegacySession_ElicitsOnThePostStreamAndCompletesWithTheAnswer()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync(capabilitiesJson: Elicitation);
        await using RawHttpClient call = await RawHttpClient.ConnectAsync(server.BaseAddress);

        RawHttpResponse head = await call.SendAndReadHeadAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"ask_name"}}""", session, "2025-11-25"));
        Assert.Equal("text/event-stream", JsonRpcAssert.MediaType(head.ContentType));
        JsonElement request = ModernWire.Parse((await call.ReadSseMessageAsync())!.Data!);
        Assert.Equal(McpMethods.ElicitationCreate, request.GetProperty("method").GetString());
        Assert.Equal("What is your name?", request.GetProperty("params").GetProperty("message").GetString());
        Assert.True(request.GetProperty("params").GetProperty("requestedSchema").GetProperty("properties").TryGetProperty("name", out _));
        using (HttpResponseMessage answered = await client.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + ",\"result\":" + AdaAnswer + "}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, answered.StatusCode);
        }

        JsonElement result = JsonRpcAssert.ResultMessage((await call.ReadSseMessageAsync())!.Data!, "5");
        Assert.Equal("Hello, Ada!", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(result.TryGetProperty("resultType", out _), "Legacy results carry no 2026-07-28 envelope.");
    }

    [Fact]
    public async Task AskName_OnAModernRequest_ReturnsInputRequired_AndTheRetryWithTheAnswerCompletes()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();

        JsonElement first = await CallAsync(server, "1", AskName, McpResultTypes.InputRequired);

        Assert.False(first.TryGetProperty("ttlMs", out _), "input_required results carry no caching hints");
        Assert.False(first.TryGetProperty("cacheScope", out _));
        JsonElement requests = first.GetProperty("inputRequests");
        JsonElement ask = requests.GetProperty("user_name");
        Assert.Single(requests.EnumerateObject());
        Assert.Equal(McpMethods.ElicitationCreate, ask.GetProperty("method").GetString());
        Assert.Equal("What is your name?", ask.GetProperty("params").GetProperty("message").GetString());
        Assert.False(ask.TryGetProperty("id", out _), "An input request is {method, params}: no JSON-RPC id.");
        string state = first.GetProperty("requestState").GetString()!;
        Assert.False(string.IsNullOrEmpty(state));

        JsonElement done = await CallAsync(server, "2", Retry(AskName, """{"user_name":""" + AdaAnswer + "}", state));

        Assert.Equal("Hello, Ada!", ModernAssert.ToolText(done));
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Handlers));
        Assert.Equal(0, server.McpServer.SessionCount);
    }

    [Fact]
    public async Task AskName_AnswerAloneWithoutState_Completes_AndExtraKeysAreIgnored()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();

        JsonElement done = await CallAsync(server, "1", """{"name":"ask_name","inputResponses":{"user_name":""" + AdaAnswer + ""","unrelated":{"ignored":true}}}""");

        Assert.Equal("Hello, Ada!", ModernAssert.ToolText(done));
    }

    [Fact]
    public async Task AskName_DeclinedAnswer_ReachesTheHandler()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();

        JsonElement done = await CallAsync(server, "1", """{"name":"ask_name","inputResponses":{"user_name":{"action":"decline"}}}""");

        Assert.Equal("No name (decline)", ModernAssert.ToolText(done));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"someone_else":{"action":"accept","content":{"name":"Bob"}}}""")]
    public async Task AskName_RetryWithoutTheAnswer_AsksAgain(string? responses)
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        JsonElement again = await CallAsync(server, "2", Retry(AskName, responses, state), McpResultTypes.InputRequired);

        Assert.True(again.GetProperty("inputRequests").TryGetProperty("user_name", out _), again.GetRawText());
        Assert.False(string.IsNullOrEmpty(again.GetProperty("requestState").GetString()));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("\"Ada\"")]
    [InlineData("""{"content":{"name":"Ada"}}""")]
    public async Task AskName_MalformedAnswer_IsAJsonRpcError(string answer)
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();

        ModernAnswer response = await ModernWire.ExchangeAsync(server, ModernWire.Request("1", McpMethods.ToolsCall, """{"name":"ask_name","inputResponses":{"user_name":""" + answer + "}}", Elicitation));

        ModernAssert.ErrorResponse(response, JsonRpcErrorCodes.InvalidParams, "1");
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Handlers));
    }

    [Fact]
    public async Task AskTwice_MultiRound_TheStateCarriesTheEarlierAnswer()
    {
        const string askTwice = """{"name":"ask_twice"}""";
        await using KestrelTestServer server = await ModernServers.StartAsync();
        JsonElement round1 = await CallAsync(server, "1", askTwice, McpResultTypes.InputRequired);
        Assert.Equal(["step1"], round1.GetProperty("inputRequests").EnumerateObject().Select(p => p.Name));

        JsonElement round2 = await CallAsync(server, "2", Retry(askTwice, """{"step1":{"action":"accept","content":{"name":"Ada"}}}""", round1.GetProperty("requestState").GetString()), McpResultTypes.InputRequired);
        Assert.Equal(["step2"], round2.GetProperty("inputRequests").EnumerateObject().Select(p => p.Name));

        // The last retry answers step 2 only: step 1's answer comes back from the sealed state.
        JsonElement done = await CallAsync(server, "3", Retry(askTwice, """{"step2":{"action":"accept","content":{"color":"blue"}}}""", round2.GetProperty("requestState").GetString()));

        Assert.Equal("Ada likes blue", ModernAssert.ToolText(done));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AskName_TamperedState_IsRejected(int where)
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;
        string tampered = where switch
        {
            0 => Flip(state, state.Length / 2),
            1 => Flip(state, 0),
            _ => state + "-TAMPERED",
        };

        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, Retry(AskName, """{"user_name":""" + AdaAnswer + "}", tampered), Elicitation));

        JsonElement error = ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "2");
        Assert.DoesNotContain("Ada", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskName_StateReplayedWithOtherArguments_IsRejected()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", """{"name":"ask_name","arguments":{"greeting":"Hi"}}""", McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, Retry("""{"name":"ask_name","arguments":{"greeting":"Bye"}}""", """{"user_name":""" + AdaAnswer + "}", state), Elicitation));

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "2");
    }

    [Fact]
    public async Task AskName_StateWithTheSameArgumentsInAnotherOrder_IsAccepted()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync(o => o.ConfigureMcp = b => b.WithTool("ask_with_two", (McpRequestContext c, string a, string b) => ModernTestTools.AskNameAsync(c, a + b)));
        string state = (await CallAsync(server, "1", """{"name":"ask_with_two","arguments":{"a":"H","b":"i"}}""", McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        JsonElement done = await CallAsync(server, "2", Retry("""{"name":"ask_with_two","arguments":{"b":"i","a":"H"}}""", """{"user_name":""" + AdaAnswer + "}", state));

        Assert.Equal("Hi, Ada!", ModernAssert.ToolText(done));
    }

    [Fact]
    public async Task AskName_StateReplayedOnAnotherTool_IsRejected()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, Retry("""{"name":"ask_twice"}""", """{"step1":""" + AdaAnswer + "}", state), Elicitation));

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "2");
    }

    [Fact]
    public async Task AskName_StateFromAnotherServerInstance_IsRejected()
    {
        // Each test server has its own ephemeral Data Protection keys: a state is only good where it was sealed.
        string state;
        await using (KestrelTestServer other = await ModernServers.StartAsync())
        {
            state = (await CallAsync(other, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;
        }

        await using KestrelTestServer server = await ModernServers.StartAsync();
        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, Retry(AskName, """{"user_name":""" + AdaAnswer + "}", state), Elicitation));

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "2");
    }

    [Fact]
    public async Task AskName_StateAtTheEndOfItsLifetime_IsAccepted_OneMillisecondLater_IsRejected()
    {
        // The state records its expiry in Unix milliseconds, so the boundary is a millisecond: start on a whole one.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 28, 12, 0, 0, TimeSpan.Zero));
        await using KestrelTestServer server = await ModernServers.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConfigureServer = s => s.RequestStateLifetime = Lifetime;
            o.ConfigureHttp = h => h.WriteTimeout = TimeSpan.FromHours(1);
        });
        string answers = """{"user_name":""" + AdaAnswer + "}";
        string first = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;
        string second = (await CallAsync(server, "2", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        time.Advance(Lifetime);
        Assert.Equal("Hello, Ada!", ModernAssert.ToolText(await CallAsync(server, "3", Retry(AskName, answers, first))));

        time.Advance(TimeSpan.FromMilliseconds(1));
        ModernAnswer expired = await ModernWire.ExchangeAsync(server, ModernWire.Request("4", McpMethods.ToolsCall, Retry(AskName, answers, second), Elicitation));
        JsonElement error = ModernAssert.ErrorResponse(expired, JsonRpcErrorCodes.InvalidParams, "4");
        Assert.Contains("expired", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AskName_RetryWithoutTheCapability_Returns400MissingCapability()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        // Capabilities are per request: the retry declares none, so the server may not rely on the first one's.
        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ToolsCall, Retry(AskName, null, state), capabilitiesJson: "{}"));

        JsonElement error = ModernAssert.Error(answer, 400, JsonRpcErrorCodes.MissingRequiredClientCapability, "2");
        Assert.Equal(JsonValueKind.Object, error.GetProperty("data").GetProperty("requiredCapabilities").GetProperty("elicitation").ValueKind);
    }

    [Fact]
    public async Task AskName_InALegacySessionWithoutTheCapability_IsAJsonRpcError()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        await client.InitializeAsync(capabilitiesJson: "{}");

        JsonElement message = await client.SendRequestAsync(McpMethods.ToolsCall, AskName);

        // Before 2026-07-28 there is no -32021: a legacy session gets invalid request.
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task PromptsGet_Eliciting_ReturnsInputRequired_AndTheRetryCompletes()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        const string get = """{"name":"ask_prompt"}""";

        JsonElement first = ModernAssert.Result(await ModernWire.ExchangeAsync(server, ModernWire.Request("1", McpMethods.PromptsGet, get, Elicitation)), "1", McpResultTypes.InputRequired);
        string state = first.GetProperty("requestState").GetString()!;
        Assert.Equal(McpMethods.ElicitationCreate, first.GetProperty("inputRequests").GetProperty("topic").GetProperty("method").GetString());

        JsonElement done = ModernAssert.Result(await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.PromptsGet, Retry(get, """{"topic":{"action":"accept","content":{"topic":"tides"}}}""", state), Elicitation)), "2");

        Assert.Equal("Write about tides.", done.GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ResourcesRead_Eliciting_ReturnsInputRequiredWithoutCachingHints_AndTheRetryCompletes()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        const string read = """{"uri":"test://ask/name"}""";

        JsonElement first = ModernAssert.Result(await ModernWire.ExchangeAsync(server, ModernWire.Request("1", McpMethods.ResourcesRead, read, Elicitation)), "1", McpResultTypes.InputRequired);
        Assert.False(first.TryGetProperty("ttlMs", out _), "input_required results carry no caching hints");
        Assert.False(first.TryGetProperty("cacheScope", out _));
        string state = first.GetProperty("requestState").GetString()!;

        JsonElement done = ModernAssert.Result(await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ResourcesRead, Retry(read, """{"reader":{"action":"accept","content":{"name":"Ada"}}}""", state), Elicitation)), "2");

        Assert.Equal("Read by Ada", done.GetProperty("contents")[0].GetProperty("text").GetString());
        ModernAssert.Cacheable(done);
    }

    [Fact]
    public async Task ResourcesRead_StateFromAToolCall_IsRejected()
    {
        await using KestrelTestServer server = await ModernServers.StartAsync();
        string state = (await CallAsync(server, "1", AskName, McpResultTypes.InputRequired)).GetProperty("requestState").GetString()!;

        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request("2", McpMethods.ResourcesRead, Retry("""{"uri":"test://ask/name"}""", """{"reader":""" + AdaAnswer + "}", state), Elicitation));

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "2");
    }

    private static async Task<JsonElement> CallAsync(KestrelTestServer server, string idJson, string parameters, string resultType = McpResultTypes.Complete)
    {
        ModernAnswer answer = await ModernWire.ExchangeAsync(server, ModernWire.Request(idJson, McpMethods.ToolsCall, parameters, Elicitation));
        return ModernAssert.Result(answer, idJson, resultType);
    }

    /// <summary>The same params with <c>inputResponses</c> and <c>requestState</c> added (either may be null).</summary>
    private static string Retry(string parameters, string? inputResponses, string? requestState)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(parameters)!.AsObject();
        if (inputResponses is not null)
        {
            node["inputResponses"] = System.Text.Json.Nodes.JsonNode.Parse(inputResponses);
        }

        if (requestState is not null)
        {
            node["requestState"] = requestState;
        }

        return node.ToJsonString();
    }

    /// <summary>Changes one character of a Base64url string to another character of the alphabet.</summary>
    private static string Flip(string value, int index)
    {
        char[] chars = value.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
