using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Mooring.AspNetCore;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Headers;

/// <summary>
/// <c>Mcp-Method</c>, <c>Mcp-Name</c> and <c>Mcp-Param-*</c> against the body (streamable-http.mdx §Server Validation;
/// conformance http-header-validation and http-custom-header-server-validation). Every failure becomes 400 + -32020.
/// </summary>
public sealed class McpRequestHeaderValidatorTests
{
    /// <summary>A hand-made tool whose schema is served as written.</summary>
    private sealed class SchemaTool(string name, string schema) : McpServerTool
    {
        public override Tool ProtocolTool { get; } = new() { Name = name, InputSchema = JsonDocument.Parse(schema).RootElement.Clone() };

        public override ValueTask<CallToolResult> InvokeAsync(McpRequestContext context, JsonElement? arguments) =>
            ValueTask.FromResult(new CallToolResult { Content = [new TextContent { Text = "ok" }] });
    }

    private static readonly McpServerPrimitiveCollection<McpServerTool> Tools = CreateTools();

    private static McpServerPrimitiveCollection<McpServerTool> CreateTools()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        tools.Add(new SchemaTool("execute_sql", """
            {"type":"object","properties":{
              "region":{"type":"string","x-mcp-header":"Region"},
              "priority":{"type":"integer","x-mcp-header":"Priority"},
              "verbose":{"type":"boolean","x-mcp-header":"Verbose"},
              "a":{"type":"object","properties":{"b":{"type":"string","x-mcp-header":"B"}}},
              "query":{"type":"string"}}}
            """));
        tools.Add(new SchemaTool("plain", """{"type":"object","properties":{"q":{"type":"string"}}}"""));
        return tools;
    }

    // Built over a plain dictionary: HeaderDictionary's setter drops empty values, Kestrel keeps them ("X: " is present, "").
    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var store = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            store[name] = store.TryGetValue(name, out StringValues existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return new HeaderDictionary(store);
    }

    private static McpHeaderValidationResult Call(string arguments, params (string Name, string Value)[] extra) =>
        McpRequestHeaderValidator.ValidateRequest(
            Headers([("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql"), .. extra]),
            McpMethods.ToolsCall,
            Encoding.UTF8.GetBytes($$$"""{"name":"execute_sql","arguments":{{{arguments}}},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}"""),
            Tools);

    private static void AssertFails(McpHeaderValidationResult result, McpHeaderFailure failure, string header)
    {
        Assert.False(result.IsValid);
        Assert.Equal((failure, header), (result.Failure, result.HeaderName));
        Assert.StartsWith("Header mismatch: ", result.Message, StringComparison.Ordinal);
    }

    // --- Mcp-Method (http-header-validation) ---

    [Theory]
    [InlineData("Mcp-Method", "tools/list")]
    [InlineData("mcp-method", "tools/list")]
    [InlineData("MCP-METHOD", "tools/list")]
    [InlineData("Mcp-Method", "  tools/list\t")]
    public void Method_MatchingBodyAfterTrim_IsValid(string header, string value)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(Headers((header, value)), McpMethods.ToolsList, "{}"u8, Tools);

        Assert.True(result.IsValid);
        Assert.Null(result.HeaderName);
        Assert.Null(result.Message);
    }

    [Theory]
    [InlineData("prompts/list")]
    [InlineData("TOOLS/LIST")]
    [InlineData("tools/list/")]
    [InlineData("")]
    [InlineData("=?base64?dG9vbHMvbGlzdA==?=")] // Mcp-Method is never encoded
    public void Method_DifferentFromBody_IsMismatch(string value)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(Headers(("Mcp-Method", value)), McpMethods.ToolsList, "{}"u8, Tools);

        AssertFails(result, McpHeaderFailure.Mismatch, "Mcp-Method");
    }

    [Fact]
    public void Method_Missing_IsMissing()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(Headers(), McpMethods.ToolsList, "{}"u8, Tools);

        AssertFails(result, McpHeaderFailure.Missing, "Mcp-Method");
        Assert.Equal("Header mismatch: the Mcp-Method header is required for this request.", result.Message);
    }

    [Fact]
    public void Method_SentTwice_IsRepeated()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/list"), ("Mcp-Method", "tools/list")), McpMethods.ToolsList, "{}"u8, Tools);

        AssertFails(result, McpHeaderFailure.Repeated, "Mcp-Method");
    }

    [Fact]
    public void Method_WithControlCharacter_IsInvalid()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateStandardHeaders(McpMethods.ToolsList, null, "tools/list\u0001", StringValues.Empty);

        AssertFails(result, McpHeaderFailure.InvalidValue, "Mcp-Method");
    }

    // --- Mcp-Name ---

    [Theory]
    [InlineData(McpMethods.ToolsCall, "name")]
    [InlineData(McpMethods.PromptsGet, "name")]
    [InlineData(McpMethods.ResourcesRead, "uri")]
    [InlineData(McpMethods.TasksGet, "taskId")]
    [InlineData("tasks/update", "taskId")]
    [InlineData(McpMethods.TasksCancel, "taskId")]
    [InlineData(McpMethods.ToolsList, null)]
    [InlineData(McpMethods.PromptsList, null)]
    [InlineData(McpMethods.ResourcesList, null)]
    [InlineData(McpMethods.CompletionComplete, null)]
    [InlineData("server/discover", null)]
    [InlineData("subscriptions/listen", null)]
    [InlineData(McpMethods.TasksResult, null)]
    public void GetNameMember_Method_NamesTheMirroredParam(string method, string? member)
    {
        Assert.Equal(member, McpRequestHeaderValidator.GetNameMember(method));
    }

    [Theory]
    [InlineData(McpMethods.PromptsGet, """{"name":"greeting"}""", "greeting")]
    [InlineData(McpMethods.ResourcesRead, """{"uri":"file:///projects/myapp/config.json"}""", "file:///projects/myapp/config.json")]
    [InlineData(McpMethods.TasksGet, """{"taskId":"786512e2-9e0d-44bd-8f29-789f320fe840"}""", "786512e2-9e0d-44bd-8f29-789f320fe840")]
    [InlineData("tasks/update", """{"taskId":"t-1","inputResponses":{}}""", "t-1")]
    [InlineData(McpMethods.TasksCancel, """{"taskId":"t-1"}""", "t-1")]
    [InlineData(McpMethods.ToolsCall, """{"name":"plain","arguments":{}}""", "  plain  ")]
    [InlineData(McpMethods.ToolsCall, """{"name":"get\u005fweather"}""", "get_weather")]
    [InlineData(McpMethods.PromptsGet, """{"name":"Grüße"}""", "=?base64?R3LDvMOfZQ==?=")]
    [InlineData(McpMethods.ResourcesRead, """{"uri":"file:///tmp/a b.txt"}""", "file:///tmp/a b.txt")]
    public void Name_MatchingTheMirroredParam_IsValid(string method, string parameters, string header)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", method), ("Mcp-Name", header)), method, Encoding.UTF8.GetBytes(parameters), Tools);

        Assert.True(result.IsValid, result.Message);
    }

    [Theory]
    [InlineData(McpMethods.ToolsCall, """{"name":"execute_sql"}""", "wrong_tool_name")]
    [InlineData(McpMethods.ToolsCall, """{"name":"execute_sql"}""", "EXECUTE_SQL")]
    [InlineData(McpMethods.ToolsCall, """{"arguments":{}}""", "execute_sql")]
    [InlineData(McpMethods.ToolsCall, """{"name":null}""", "execute_sql")]
    [InlineData(McpMethods.ToolsCall, """{"name":7}""", "7")]
    [InlineData(McpMethods.ResourcesRead, """{"name":"file:///a"}""", "file:///a")]
    [InlineData(McpMethods.ToolsCall, "", "execute_sql")]
    [InlineData(McpMethods.ToolsCall, "[]", "execute_sql")]
    // A second spelling the dispatcher would bind (case-insensitive, last wins) must agree too.
    [InlineData(McpMethods.ToolsCall, """{"name":"plain","NAME":"execute_sql"}""", "plain")]
    [InlineData(McpMethods.ToolsCall, """{"name":"plain","name":"execute_sql"}""", "plain")]
    public void Name_DifferentFromTheMirroredParam_IsMismatch(string method, string parameters, string header)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", method), ("Mcp-Name", header)), method, Encoding.UTF8.GetBytes(parameters), Tools);

        AssertFails(result, McpHeaderFailure.Mismatch, "Mcp-Name");
        Assert.Equal("Header mismatch: the Mcp-Name header value does not match the request body.", result.Message);
    }

    [Theory]
    [InlineData(McpMethods.ToolsCall)]
    [InlineData(McpMethods.PromptsGet)]
    [InlineData(McpMethods.ResourcesRead)]
    [InlineData(McpMethods.TasksCancel)]
    public void Name_MissingWhereRequired_IsMissing(string method)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", method)), method, """{"name":"execute_sql","uri":"x","taskId":"x"}"""u8, Tools);

        AssertFails(result, McpHeaderFailure.Missing, "Mcp-Name");
    }

    [Theory]
    [InlineData("=?base64?ZXhlY3V0ZV9zcWw?=")]
    [InlineData("exécute")]
    public void Name_Malformed_IsInvalid(string header)
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", header)), McpMethods.ToolsCall, """{"name":"execute_sql"}"""u8, Tools);

        AssertFails(result, McpHeaderFailure.InvalidValue, "Mcp-Name");
    }

    [Fact]
    public void Name_OnAMethodWithoutOne_IsIgnored()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/list"), ("Mcp-Name", "=?base64?!!?=")), McpMethods.ToolsList, "{}"u8, Tools);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void ValidateStandardHeaders_ExtractedValues_ComparesTheDecodedName()
    {
        Assert.True(McpRequestHeaderValidator.ValidateStandardHeaders(McpMethods.ToolsCall, "Hello, 世界", "tools/call", "=?base64?SGVsbG8sIOS4lueVjA==?=").IsValid);
        AssertFails(McpRequestHeaderValidator.ValidateStandardHeaders(McpMethods.ToolsCall, null, "tools/call", "x"), McpHeaderFailure.Mismatch, "Mcp-Name");
        AssertFails(McpRequestHeaderValidator.ValidateStandardHeaders(McpMethods.ToolsCall, "x", "tools/call", new StringValues(["x", "x"])), McpHeaderFailure.Repeated, "Mcp-Name");
    }

    // --- Mcp-Param-* (http-custom-header-server-validation) ---

    [Theory]
    [InlineData("\"Hello\"", "=?base64?SGVsbG8=?=")]
    [InlineData("\"SGVsbG8=\"", "SGVsbG8=")]
    [InlineData("\"=?base64?SGVsbG8=\"", "=?base64?SGVsbG8=")]
    [InlineData("\"us-west1\"", "us-west1")]
    [InlineData("\"us-west1\"", " us-west1 ")]
    [InlineData("\"Hello, 世界\"", "=?base64?SGVsbG8sIOS4lueVjA==?=")]
    [InlineData("\"Hello, \\u4e16\\u754c\"", "=?base64?SGVsbG8sIOS4lueVjA==?=")]
    [InlineData("\" padded \"", "=?base64?IHBhZGRlZCA=?=")]
    [InlineData("\"line1\\nline2\"", "=?base64?bGluZTEKbGluZTI=?=")]
    [InlineData("\"=?base64?literal?=\"", "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=")]
    [InlineData("\"\"", "")]
    public void Param_StringMatchingAfterDecoding_IsValid(string value, string header)
    {
        Assert.True(Call($$"""{"region":{{value}}}""", ("Mcp-Param-Region", header)).IsValid);
    }

    [Theory]
    [InlineData("\"Hello\"", "=?base64?SGVsbG8?=")]
    [InlineData("\"Hello\"", "=?base64?SGVs!!!bG8=?=")]
    [InlineData("\"Hello, 世界\"", "Hello, 世界")]
    [InlineData("\"Hello\"", "=?base64?//4=?=")]
    public void Param_MalformedValue_IsInvalid(string value, string header)
    {
        McpHeaderValidationResult result = Call($$"""{"region":{{value}}}""", ("Mcp-Param-Region", header));

        AssertFails(result, McpHeaderFailure.InvalidValue, "Mcp-Param-Region");
        Assert.Equal("Header mismatch: the Mcp-Param-Region header value has invalid characters or a malformed =?base64?...?= encoding.", result.Message);
    }

    [Theory]
    [InlineData("\"Hello\"", "hello")]
    [InlineData("\"Hello\"", "=?base64?aGVsbG8=?=")]
    [InlineData("\"=?base64?SGVsbG8=?=\"", "=?base64?SGVsbG8=?=")] // the header decodes to Hello
    [InlineData("\"us-west1\"", "us-east1")]
    [InlineData("{\"zone\":\"a\"}", "a")]
    [InlineData("[\"a\"]", "a")]
    public void Param_StringDifferentFromBody_IsMismatch(string value, string header)
    {
        AssertFails(Call($$"""{"region":{{value}}}""", ("Mcp-Param-Region", header)), McpHeaderFailure.Mismatch, "Mcp-Param-Region");
    }

    [Fact]
    public void Param_OmittedWhileTheBodyHasAValue_IsMissing()
    {
        McpHeaderValidationResult result = Call("""{"region":"test-value"}""");

        AssertFails(result, McpHeaderFailure.Missing, "Mcp-Param-Region");
        Assert.Equal("Header mismatch: the Mcp-Param-Region header is required for this request.", result.Message);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("42.0", "42")]
    [InlineData("42", "42.0")]
    [InlineData("4.2e1", "42")]
    [InlineData("-7", "-7")]
    [InlineData("0", "0")]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("-9007199254740991", "-9007199254740991")]
    [InlineData("1e400", "1e400")] // beyond decimal: compared as text
    public void Param_IntegerEqualNumerically_IsValid(string value, string header)
    {
        Assert.True(Call($$"""{"priority":{{value}}}""", ("Mcp-Param-Priority", header)).IsValid);
    }

    [Theory]
    [InlineData("42", "43")]
    [InlineData("42", "forty-two")]
    [InlineData("42", "")]
    [InlineData("42", "0x2A")]
    [InlineData("42", "42 ms")]
    [InlineData("9007199254740993", "9007199254740992")] // no float rounding: compared exactly
    [InlineData("\"42\"", "42.0")] // a string in the body compares as a string
    public void Param_IntegerDifferentFromBody_IsMismatch(string value, string header)
    {
        AssertFails(Call($$"""{"priority":{{value}}}""", ("Mcp-Param-Priority", header)), McpHeaderFailure.Mismatch, "Mcp-Param-Priority");
    }

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("false", "false", true)]
    [InlineData("false", " false ", true)]
    [InlineData("true", "True", false)]
    [InlineData("true", "1", false)]
    [InlineData("false", "true", false)]
    public void Param_Boolean_MatchesOnlyLowercaseLiteral(string value, string header, bool valid)
    {
        McpHeaderValidationResult result = Call($$"""{"verbose":{{value}}}""", ("Mcp-Param-Verbose", header));

        Assert.Equal(valid, result.IsValid);
    }

    [Theory]
    [InlineData("""{"a":{"b":"x"}}""", "x", true)]
    [InlineData("""{"a":{"b":"y"}}""", "x", false)]
    [InlineData("""{"a":{"c":"y","b":"x","d":[1,{"b":"z"}]}}""", "x", true)]
    [InlineData("""{"a":{"b":"x"},"b":"y"}""", "x", true)] // only the path a.b counts
    public void Param_NestedPath_ComparesTheValueAtThePath(string arguments, string header, bool valid)
    {
        Assert.Equal(valid, Call(arguments, ("Mcp-Param-B", header)).IsValid);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"region":null,"priority":null,"verbose":null}""")]
    [InlineData("""{"a":null}""")]
    [InlineData("""{"a":{}}""")]
    [InlineData("""{"a":"not an object"}""")]
    [InlineData("""{"a":{"b":null}}""")]
    [InlineData("""null""")]
    public void Param_NullOrAbsentValue_ExpectsNoHeader(string arguments)
    {
        Assert.True(Call(arguments).IsValid);
    }

    [Fact]
    public void Param_NoArgumentsMember_ExpectsNoHeader()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql")), McpMethods.ToolsCall, """{"name":"execute_sql"}"""u8, Tools);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Param_NullValueWithAWellFormedHeader_IsTolerated()
    {
        Assert.True(Call("""{"region":null}""", ("Mcp-Param-Region", "us-west1")).IsValid);
        Assert.True(Call("""{}""", ("Mcp-Param-Priority", "42")).IsValid);
    }

    [Fact]
    public void Param_AbsentValueWithAMalformedHeader_IsInvalid()
    {
        AssertFails(Call("""{}""", ("Mcp-Param-Region", "=?base64?SGVsbG8?=")), McpHeaderFailure.InvalidValue, "Mcp-Param-Region");
    }

    [Fact]
    public void Param_UnrecognisedHeaders_AreIgnored()
    {
        McpHeaderValidationResult result = Call(
            """{"region":"us-west1"}""", ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-Unknown", "=?base64?!!!?="), ("Mcp-Param-Query", "anything"));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Param_HeaderNameInAnyCase_IsFound()
    {
        Assert.True(Call("""{"region":"us-west1"}""", ("mcp-param-region", "us-west1")).IsValid);
        Assert.True(Call("""{"region":"us-west1"}""", ("MCP-PARAM-REGION", "us-west1")).IsValid);
    }

    [Fact]
    public void Param_SentTwice_IsRepeated()
    {
        AssertFails(
            Call("""{"region":"us-west1"}""", ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-Region", "us-west1")),
            McpHeaderFailure.Repeated,
            "Mcp-Param-Region");
    }

    [Theory]
    [InlineData("""{"REGION":"eu-west1"}""")]                        // bound case-insensitively below the top level
    [InlineData("""{"region":"us-west1","region":"eu-west1"}""")]    // a duplicate key: the last one would win
    [InlineData("""{"region":"us-west1","Region":"eu-west1"}""")]
    [InlineData("""{"A":{"B":"eu-west1"}}""")]
    public void Param_AnotherSpellingTheHandlerCouldBind_MustAgreeToo(string arguments)
    {
        McpHeaderValidationResult result = Call(arguments, ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-B", "us-west1"));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Param_AllAnnotatedArgumentsMatching_IsValid()
    {
        McpHeaderValidationResult result = Call(
            """{"region":"us-west1","priority":5,"verbose":false,"a":{"b":"Grüße"},"query":"SELECT 1"}""",
            ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-Priority", "5"), ("Mcp-Param-Verbose", "false"), ("Mcp-Param-B", "=?base64?R3LDvMOfZQ==?="));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Param_ArgumentsRepeatedUnderAnotherCase_EachOccurrenceIsChecked()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql"), ("Mcp-Param-Region", "us-west1")),
            McpMethods.ToolsCall,
            """{"name":"execute_sql","arguments":{"region":"us-west1"},"Arguments":{"region":"eu-west1"}}"""u8,
            Tools);

        AssertFails(result, McpHeaderFailure.Mismatch, "Mcp-Param-Region");
    }

    [Fact]
    public void Param_UnknownTool_IsLeftToTheHandler()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "nope")), McpMethods.ToolsCall, """{"name":"nope","arguments":{"region":"x"}}"""u8, Tools);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Param_WithoutToolCollection_OnlyStandardHeadersAreChecked()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql")), McpMethods.ToolsCall, """{"name":"execute_sql","arguments":{"region":"x"}}"""u8, tools: null);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Param_ToolFoundByBase64Name_IsChecked()
    {
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(
            Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", McpHeaderValue.Encode("=?base64?x?=")), ("Mcp-Param-R", "y")),
            McpMethods.ToolsCall,
            """{"name":"=?base64?x?=","arguments":{"r":"x"}}"""u8,
            ToolsWith(new SchemaTool("=?base64?x?=", """{"type":"object","properties":{"r":{"type":"string","x-mcp-header":"R"}}}""")));

        AssertFails(result, McpHeaderFailure.Mismatch, "Mcp-Param-R");
    }

    [Fact]
    public void Validate_ExtractedValuesAndJsonElementArguments_ChecksEverything()
    {
        McpServerTool tool = Assert.IsType<McpServerTool>(Tools.Snapshot.Single(t => t.Key == "execute_sql"), exactMatch: false);
        JsonElement arguments = JsonDocument.Parse("""{"region":"us-west1","priority":42.0}""").RootElement;
        HeaderDictionary headers = Headers(("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql"), ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-Priority", "42"));

        Assert.True(McpRequestHeaderValidator.Validate(headers, McpMethods.ToolsCall, "execute_sql", tool.HeaderParameters, arguments).IsValid);
        Assert.True(McpRequestHeaderValidator.ValidateParameterHeaders(tool.HeaderParameters, arguments, headers).IsValid);
        Assert.True(McpRequestHeaderValidator.ValidateParameterHeaders(tool.HeaderParameters, (JsonElement?)null, headers).IsValid);

        headers["Mcp-Param-Priority"] = "41";
        AssertFails(McpRequestHeaderValidator.Validate(headers, McpMethods.ToolsCall, "execute_sql", tool.HeaderParameters, arguments), McpHeaderFailure.Mismatch, "Mcp-Param-Priority");
        AssertFails(McpRequestHeaderValidator.Validate(headers, McpMethods.ToolsCall, "other", tool.HeaderParameters, arguments), McpHeaderFailure.Mismatch, "Mcp-Name");
    }

    [Fact]
    public void ValidateParameterHeaders_ParametersBuiltByHand_FollowTheirPaths()
    {
        McpToolHeaderParameter[] parameters = [new("Deep", ["x", "y", "z"], McpHeaderValueType.Integer)];

        Assert.True(McpRequestHeaderValidator.ValidateParameterHeaders(parameters, """{"x":{"y":{"z":3}}}"""u8, Headers(("Mcp-Param-Deep", "3"))).IsValid);
        AssertFails(McpRequestHeaderValidator.ValidateParameterHeaders(parameters, """{"x":{"y":{"z":3}}}"""u8, Headers()), McpHeaderFailure.Missing, "Mcp-Param-Deep");
    }

    [Fact]
    public void ValidateRequest_PlainMatchingHeaders_AllocatesNothing()
    {
        HeaderDictionary headers = Headers(
            ("Mcp-Method", "tools/call"), ("Mcp-Name", "execute_sql"), ("Mcp-Param-Region", "us-west1"), ("Mcp-Param-Priority", "42"),
            ("Mcp-Param-Verbose", "true"), ("Mcp-Param-B", "nested"));
        byte[] body = Encoding.UTF8.GetBytes("""
            {"name":"execute_sql","arguments":{"query":"SELECT 1","region":"us-west1","priority":42.0,"verbose":true,"a":{"b":"nested"}},
             "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}
            """);
        Assert.True(McpRequestHeaderValidator.ValidateRequest(headers, McpMethods.ToolsCall, body, Tools).IsValid); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        McpHeaderValidationResult result = McpRequestHeaderValidator.ValidateRequest(headers, McpMethods.ToolsCall, body, Tools);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsValid);
        Assert.Equal(0, allocated);
    }

    private static McpServerPrimitiveCollection<McpServerTool> ToolsWith(McpServerTool tool)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        tools.Add(tool);
        return tools;
    }
}
