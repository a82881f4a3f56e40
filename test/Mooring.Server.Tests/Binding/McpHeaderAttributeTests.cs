using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Binding;

/// <summary>[McpHeader] on tool parameters and on properties of their types: the generated <c>x-mcp-header</c> and the checks at creation.</summary>
public sealed class McpHeaderAttributeTests
{
    public sealed class QueryOptions
    {
        [McpHeader("Region"), Description("Where to run.")]
        public string? Region { get; init; }

        public int Limit { get; init; }

        public Inner? Inner { get; init; }
    }

    public sealed class Inner
    {
        [McpHeader("Shard")]
        public int Shard { get; init; }
    }

    public sealed class Tagged
    {
        [McpHeader("Tag")]
        public string Tag { get; init; } = "";
    }

    public sealed class Result
    {
        // On a result type the attribute means nothing: it must not leak into the output schema.
        [McpHeader("Ignored")]
        public string Value { get; init; } = "";
    }

    internal static class Tools
    {
        [McpTool]
        public static string ExecuteSql([McpHeader("Region")] string region, string query) => region + query;

        [McpTool]
        public static string Typed(
            [McpHeader("Tenant")] string? tenant,
            [McpHeader("Priority")] int priority,
            [McpHeader("Verbose")] bool verbose = false,
            [McpHeader("Unit")] Unit unit = Unit.Celsius,
            [McpHeader("Limit")] long? limit = null) => $"{tenant}{priority}{verbose}{unit}{limit}";

        [McpTool]
        public static string Nested(QueryOptions options) => options.Region ?? "-";

        [McpTool]
        public static Result Returns([McpHeader("Id")] string id) => new() { Value = id };

        [McpTool]
        public static string Plain(string a, int b) => a + b;

        [McpTool]
        public static string NumberHeader([McpHeader("Score")] double score) => score.ToString(System.Globalization.CultureInfo.InvariantCulture);

        [McpTool]
        public static string DecimalHeader([McpHeader("Amount")] decimal amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

        [McpTool]
        public static string SpaceInName([McpHeader("My Region")] string region) => region;

        [McpTool]
        public static string ColonInName([McpHeader("Region:Primary")] string region) => region;

        [McpTool]
        public static string EmptyName([McpHeader("")] string region) => region;

        [McpTool]
        public static string NonAsciiName([McpHeader("Région")] string region) => region;

        [McpTool]
        public static string ControlInName([McpHeader("Region\t1")] string region) => region;

        [McpTool]
        public static string Duplicate([McpHeader("MyField")] string a, [McpHeader("myfield")] string b) => a + b;

        [McpTool]
        public static string DuplicateNested([McpHeader("Region")] string region, QueryOptions options) => region + options.Region;

        [McpTool]
        public static string ObjectHeader([McpHeader("Data")] QueryOptions data) => data.Region ?? "";

        [McpTool]
        public static string ArrayHeader([McpHeader("Items")] string[] items) => string.Concat(items);

        [McpTool]
        public static string UnderItems(List<Tagged> items) => string.Concat(items.Select(i => i.Tag));

        [McpTool]
        public static string AnyValue([McpHeader("Any")] JsonElement value) => value.GetRawText();
    }

    private static McpServerTool Create(string methodName) =>
        McpServerTool.Create(typeof(Tools).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!, null, new McpServerOptions());

    private static JsonNode InputSchema(McpServerTool tool) => JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText())!;

    [Fact]
    public void Parameter_WithMcpHeader_SchemaCarriesXMcpHeader()
    {
        McpServerTool tool = Create(nameof(Tools.ExecuteSql));

        JsonNode schema = InputSchema(tool);
        JsonAssertions.Equivalent("""{"type":"string","x-mcp-header":"Region"}""", schema["properties"]!["region"]);
        JsonAssertions.Equivalent("""{"type":"string"}""", schema["properties"]!["query"]);
        McpToolHeaderParameter parameter = Assert.Single(tool.HeaderParameters);
        Assert.Equal("Region", parameter.Name);
        Assert.Equal("Mcp-Param-Region", parameter.HeaderName);
        Assert.Equal(["region"], parameter.PropertyPath);
        Assert.Equal(McpHeaderValueType.String, parameter.Type);
    }

    [Fact]
    public void Parameters_OfEachAllowedType_AreExtractedInOrderWithTheirTypes()
    {
        McpServerTool tool = Create(nameof(Tools.Typed));

        Assert.Equal(
            [("Tenant", McpHeaderValueType.String), ("Priority", McpHeaderValueType.Integer), ("Verbose", McpHeaderValueType.Boolean),
             ("Unit", McpHeaderValueType.String), ("Limit", McpHeaderValueType.Integer)],
            tool.HeaderParameters.Select(p => (p.Name, p.Type)));

        // Nullable parameters say ["string","null"] / ["integer","null"]: still one primitive, so allowed.
        JsonNode properties = InputSchema(tool)["properties"]!;
        JsonAssertions.Equivalent("""{"type":["string","null"],"x-mcp-header":"Tenant"}""", properties["tenant"]);
        JsonAssertions.Equivalent("""{"type":["integer","null"],"x-mcp-header":"Limit"}""", properties["limit"]);
        JsonAssertions.Equivalent("""{"type":"string","enum":["Celsius","Fahrenheit"],"default":"Celsius","x-mcp-header":"Unit"}""", properties["unit"]);
    }

    [Fact]
    public void Property_OfParameterType_WithMcpHeader_IsAnnotatedAndItsPathFollowsProperties()
    {
        McpServerTool tool = Create(nameof(Tools.Nested));

        JsonNode options = InputSchema(tool)["properties"]!["options"]!;
        Assert.Equal("Region", (string?)options["properties"]!["region"]!["x-mcp-header"]);
        Assert.Equal("Where to run.", (string?)options["properties"]!["region"]!["description"]);
        Assert.Null(options["properties"]!["limit"]!["x-mcp-header"]);
        Assert.Equal(
            [("Region", "options.region", McpHeaderValueType.String), ("Shard", "options.inner.shard", McpHeaderValueType.Integer)],
            tool.HeaderParameters.Select(p => (p.Name, string.Join('.', p.PropertyPath), p.Type)));
    }

    [Fact]
    public void ResultType_WithMcpHeader_OutputSchemaHasNoAnnotation()
    {
        McpServerTool tool = Create(nameof(Tools.Returns));

        Assert.DoesNotContain("x-mcp-header", tool.ProtocolTool.OutputSchema!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["Id"], tool.HeaderParameters.Select(p => p.Name));
    }

    [Fact]
    public void Tool_WithoutMcpHeader_HasNoHeaderParametersAndNoAnnotation()
    {
        McpServerTool tool = Create(nameof(Tools.Plain));

        Assert.Empty(tool.HeaderParameters);
        Assert.DoesNotContain("x-mcp-header", tool.ProtocolTool.InputSchema.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(Tools.NumberHeader), "Tool 'number_header'", "only string, integer or boolean")]
    [InlineData(nameof(Tools.DecimalHeader), "Tool 'decimal_header'", "only string, integer or boolean")]
    [InlineData(nameof(Tools.SpaceInName), "Tool 'space_in_name'", "not an RFC 9110 token")]
    [InlineData(nameof(Tools.ColonInName), "Tool 'colon_in_name'", "not an RFC 9110 token")]
    [InlineData(nameof(Tools.EmptyName), "Tool 'empty_name'", "must not be empty")]
    [InlineData(nameof(Tools.NonAsciiName), "Tool 'non_ascii_name'", "not an RFC 9110 token")]
    [InlineData(nameof(Tools.ControlInName), "Tool 'control_in_name'", "'Region\\u00091' is not an RFC 9110 token")]
    [InlineData(nameof(Tools.Duplicate), "Tool 'duplicate'", "unique ignoring case")]
    [InlineData(nameof(Tools.DuplicateNested), "Tool 'duplicate_nested'", "unique ignoring case")]
    [InlineData(nameof(Tools.ObjectHeader), "Tool 'object_header'", "only string, integer or boolean")]
    [InlineData(nameof(Tools.ArrayHeader), "Tool 'array_header'", "only string, integer or boolean")]
    [InlineData(nameof(Tools.UnderItems), "Tool 'under_items'", "not statically reachable")]
    [InlineData(nameof(Tools.AnyValue), "'Tools.AnyValue'", "is not a string, integer or boolean")]
    public void Create_InvalidAnnotation_ThrowsArgumentExceptionNamingTheTool(string methodName, string tool, string problem)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Create(methodName));

        Assert.Contains(tool, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidAnnotation_MessageNamesThePropertyAndItsPlace()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Create(nameof(Tools.UnderItems)));

        Assert.Equal(
            "Tool 'under_items': the x-mcp-header annotation on property 'items.tag' (at '/properties/items/items/properties/tag') is not statically reachable: "
            + "only a chain of 'properties' keys may lead to it (not items, oneOf, anyOf, allOf, not, if, then, else, $ref or $defs).",
            ex.Message);
    }

    [Fact]
    public void Create_NumberParameter_MessageNamesToolPropertyAndType()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Create(nameof(Tools.NumberHeader)));

        Assert.StartsWith("Tool 'number_header': the x-mcp-header annotation on property 'score' (at '/properties/score')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"number\"", ex.Message, StringComparison.Ordinal);
    }

    internal static class Listed
    {
        [McpTool]
        public static string ExecuteSql([McpHeader("Region")] string region, string query) => region + query;
    }

    [Fact]
    public async Task ToolsList_AnnotatedTool_ListsTheAnnotationAsGenerated()
    {
        await using var server = TestServer.Create(typeof(Listed));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync(McpMethods.ToolsList));

        JsonNode tool = result["tools"]!.AsArray().Single(t => (string?)t!["name"] == "execute_sql")!;
        Assert.Equal("Region", (string?)tool["inputSchema"]!["properties"]!["region"]!["x-mcp-header"]);
        Assert.Equal(["Region"], server.Server.Tools.Snapshot.Single().HeaderParameters.Select(p => p.Name));
    }

    internal static class InvalidListed
    {
        [McpTool]
        public static string Bad([McpHeader("Bad Name")] string value) => value;
    }

    [Fact]
    public void WithPrimitives_InvalidAnnotation_FailsWhenTheServerIsBuilt()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TestServer.Create(typeof(InvalidListed)));

        Assert.StartsWith("Tool 'bad': the x-mcp-header annotation on property 'value'", ex.Message, StringComparison.Ordinal);
    }
}
