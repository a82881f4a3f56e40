using System.Text;
using Mooring.Protocol;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// <c>Mcp-Name</c> and <c>Mcp-Param-*</c> on real Kestrel: the header must be present where the method has a name and
/// equal the body after trimming and decoding the <c>=?base64?…?=</c> form; an argument annotated with
/// <c>x-mcp-header</c> (here <c>[McpHeader("Region")]</c>) must be mirrored exactly. Failures are 400 with -32020.
/// </summary>
public sealed class ModernHeaderTests : IAsyncLifetime
{
    private const string EchoParams = """{"name":"echo","arguments":{"text":"hi"}}""";
    private const string GreetParams = """{"name":"greet","arguments":{"name":"Ada"}}""";
    private const string ReadParams = """{"uri":"test://static/hello"}""";

    private KestrelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ModernServers.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> NamedMethods => new()
    {
        { McpMethods.ToolsCall, EchoParams, "echo" },
        { McpMethods.PromptsGet, GreetParams, "greet" },
        { McpMethods.ResourcesRead, ReadParams, "test://static/hello" },
    };

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithMatchingName_IsServed(string method, string parameters, string name)
    {
        ModernAnswer answer = await Send(method, parameters, name);

        ModernAssert.Result(answer, "1");
    }

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithoutMcpName_Returns400HeaderMismatch(string method, string parameters, string name)
    {
        _ = name;

        ModernAnswer answer = await Send(method, parameters, name: null);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithAnotherName_Returns400HeaderMismatch(string method, string parameters, string name)
    {
        ModernAnswer answer = await Send(method, parameters, name + "x");

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithNameInOtherCase_Returns400HeaderMismatch(string method, string parameters, string name)
    {
        ModernAnswer answer = await Send(method, parameters, name.ToUpperInvariant());

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithWhitespaceAroundName_IsServed(string method, string parameters, string name)
    {
        ModernAnswer answer = await Send(method, parameters, $" \t{name}  ");

        ModernAssert.Result(answer, "1");
    }

    [Theory]
    [MemberData(nameof(NamedMethods))]
    public async Task Post_NamedMethodWithBase64Name_IsServed(string method, string parameters, string name)
    {
        ModernAnswer answer = await Send(method, parameters, Base64(name));

        ModernAssert.Result(answer, "1");
    }

    [Theory]
    [InlineData("=?base64?ZWNobw?=")] // "echo" without its padding
    [InlineData("=?base64?ZW!!bw==?=")] // not the base64 alphabet
    [InlineData("=?base64?/w==?=")] // 0xFF: not UTF-8
    public async Task Post_McpNameWithMalformedBase64_Returns400HeaderMismatch(string header)
    {
        ModernAnswer answer = await Send(McpMethods.ToolsCall, EchoParams, header);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Theory]
    [InlineData(McpMethods.ToolsList)]
    [InlineData(McpMethods.ServerDiscover)]
    public async Task Post_MethodWithoutName_IgnoresAnMcpName(string method)
    {
        ModernAnswer answer = await Send(method, null, "anything");

        ModernAssert.Result(answer, "1");
    }

    [Fact]
    public async Task Post_UnknownToolWithMatchingName_IsTheHandlersInvalidParams()
    {
        ModernAnswer answer = await Send(McpMethods.ToolsCall, """{"name":"nope","arguments":{}}""", "nope");

        ModernAssert.ErrorResponse(answer, JsonRpcErrorCodes.InvalidParams, "1");
    }

    [Theory]
    [InlineData("us-west1")]
    [InlineData("  us-west1 ")]
    [InlineData("=?base64?dXMtd2VzdDE=?=")]
    public async Task Post_ParamHeaderMatchingTheArgument_IsServed(string header)
    {
        ModernAnswer answer = await SendRegion("""{"region":"us-west1","query":"q"}""", header);

        Assert.Equal("region=us-west1 query=q", ModernAssert.ToolText(ModernAssert.Result(answer, "1")));
    }

    [Fact]
    public async Task Post_ParamHeaderForANonAsciiArgument_IsServedInBase64()
    {
        ModernAnswer answer = await SendRegion("""{"region":"Zürich, 世界"}""", Base64("Zürich, 世界"));

        Assert.Equal("region=Zürich, 世界 query=", ModernAssert.ToolText(ModernAssert.Result(answer, "1")));
    }

    [Theory]
    [InlineData("eu-west1")] // another value
    [InlineData("US-WEST1")] // values are case-sensitive
    [InlineData("=?base64?dXMtd2VzdDE?=")] // the right value without its padding
    [InlineData("=?base64?dXMt!!!2VzdDE=?=")] // not base64
    [InlineData("=?base64?ZXUtd2VzdDE=?=")] // well-formed, but "eu-west1"
    public async Task Post_ParamHeaderNotMatchingTheArgument_Returns400HeaderMismatch(string header)
    {
        ModernAnswer answer = await SendRegion("""{"region":"us-west1"}""", header);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Fact]
    public async Task Post_ParamHeaderOmittedForAnArgumentInTheBody_Returns400HeaderMismatch()
    {
        ModernAnswer answer = await SendRegion("""{"region":"us-west1"}""", header: null);

        ModernAssert.Error(answer, 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Theory]
    [InlineData("""{"query":"q"}""")]
    [InlineData("""{"region":null}""")]
    public async Task Post_ArgumentAbsentOrNull_ExpectsNoParamHeader(string arguments)
    {
        ModernAnswer answer = await SendRegion(arguments, header: null);

        Assert.StartsWith("region=none", ModernAssert.ToolText(ModernAssert.Result(answer, "1")));
    }

    [Fact]
    public async Task Post_ParamHeaderTheToolDoesNotDeclare_IsIgnored()
    {
        RawHttpRequest request = ModernWire.Request("1", McpMethods.ToolsCall, EchoParams).WithHeader("Mcp-Param-Region", "whatever");

        ModernAssert.Result(await ModernWire.ExchangeAsync(_server, request), "1");
    }

    [Fact]
    public async Task Post_ParamHeaderSentTwice_Returns400HeaderMismatch()
    {
        RawHttpRequest request = ModernWire.Request("1", McpMethods.ToolsCall, """{"name":"region","arguments":{"region":"us-west1"}}""")
            .WithHeader("Mcp-Param-Region", "us-west1")
            .WithHeader("Mcp-Param-Region", "us-west1");

        ModernAssert.Error(await ModernWire.ExchangeAsync(_server, request), 400, JsonRpcErrorCodes.HeaderMismatch, "1");
    }

    [Fact]
    public async Task Post_LegacySessionWithWrongModernHeaders_IgnoresThem()
    {
        // The C# SDK sends Mcp-Method and Mcp-Name on legacy requests too: there they mean nothing.
        using var client = new McpTestClient(_server.McpEndpoint);
        string session = await client.InitializeAsync();
        RawHttpRequest request = RawHttpRequest.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"region","arguments":{"region":"us-west1"}}}""", session, "2025-11-25")
            .WithHeader("Mcp-Method", "something/else")
            .WithHeader("Mcp-Name", "other")
            .WithHeader("Mcp-Param-Region", "eu-west1");

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(_server.BaseAddress, request);

        Assert.Contains("region=us-west1", JsonRpcAssert.Result(response, "2").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static string Base64(string value) => $"=?base64?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";

    private Task<ModernAnswer> Send(string method, string? parameters, string? name) =>
        ModernWire.ExchangeAsync(_server, ModernWire.Post(ModernWire.Body("1", method, parameters), name));

    private Task<ModernAnswer> SendRegion(string arguments, string? header)
    {
        RawHttpRequest request = ModernWire.Request("1", McpMethods.ToolsCall, $$"""{"name":"region","arguments":{{arguments}}}""");
        return ModernWire.ExchangeAsync(_server, header is null ? request : request.WithHeader("Mcp-Param-Region", header));
    }
}
