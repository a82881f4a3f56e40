using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server.Tests.Primitives;

/// <summary>
/// <c>x-mcp-header</c> in hand-written input schemas: extracted as written into <see cref="McpServerTool.HeaderParameters"/>,
/// and checked against the 2026-07-28 rules (tools.mdx §x-mcp-header) when the tool is registered.
/// </summary>
public sealed class McpToolHeaderParameterTests
{
    /// <summary>A hand-made tool whose input schema is served exactly as written.</summary>
    private sealed class SchemaTool(string name, string schema) : McpServerTool
    {
        public override Tool ProtocolTool { get; } = new() { Name = name, InputSchema = Parse(schema) };

        public override ValueTask<CallToolResult> InvokeAsync(McpRequestContext context, JsonElement? arguments) =>
            ValueTask.FromResult(new CallToolResult { Content = [new TextContent { Text = "ok" }] });

        private static JsonElement Parse(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    private static IReadOnlyList<McpToolHeaderParameter> Extract(string schema) => new SchemaTool("tool", schema).HeaderParameters;

    private static ArgumentException Rejected(string schema, string name = "tool")
    {
        var collection = new McpServerPrimitiveCollection<McpServerTool>();
        ArgumentException ex = Assert.Throws<ArgumentException>(() => collection.Add(new SchemaTool(name, schema)));
        Assert.Equal(0, collection.Count);
        return ex;
    }

    [Fact]
    public void HeaderParameters_SpecExample_RegionIsAStringAtTheTop()
    {
        IReadOnlyList<McpToolHeaderParameter> parameters = Extract("""
            {"type":"object","properties":{
              "region":{"type":"string","description":"The region to execute the query in","x-mcp-header":"Region"},
              "query":{"type":"string","description":"The SQL query to execute"}},
             "required":["region","query"]}
            """);

        McpToolHeaderParameter region = Assert.Single(parameters);
        Assert.Equal(("Region", "Mcp-Param-Region", McpHeaderValueType.String), (region.Name, region.HeaderName, region.Type));
        Assert.Equal(["region"], region.PropertyPath);
    }

    [Fact]
    public void HeaderParameters_NestedThroughProperties_PathIsTheChainOfKeys()
    {
        IReadOnlyList<McpToolHeaderParameter> parameters = Extract("""
            {"type":"object","properties":{
              "a":{"type":"object","properties":{
                "b":{"type":"integer","x-mcp-header":"B"},
                "c":{"type":"object","properties":{"d":{"type":"boolean","x-mcp-header":"D"}}}}},
              "top":{"type":["string","null"],"x-mcp-header":"Top"}}}
            """);

        Assert.Equal(
            [("B", "a.b", McpHeaderValueType.Integer), ("D", "a.c.d", McpHeaderValueType.Boolean), ("Top", "top", McpHeaderValueType.String)],
            parameters.Select(p => (p.Name, string.Join('.', p.PropertyPath), p.Type)));
    }

    [Fact]
    public void HeaderParameters_KeywordUsedAsDataOrPropertyName_IsNotAnAnnotation()
    {
        // A property *named* x-mcp-header, and the key inside default/examples/enum/const values, are data, not annotations.
        IReadOnlyList<McpToolHeaderParameter> parameters = Extract("""
            {"type":"object","properties":{
              "x-mcp-header":{"type":"string"},
              "config":{"type":"object","default":{"x-mcp-header":"NotOne"},"examples":[{"x-mcp-header":"Nor"}]},
              "pick":{"const":{"x-mcp-header":"Neither"}},
              "choice":{"enum":[{"x-mcp-header":"Never"}]}}}
            """);

        Assert.Empty(parameters);
    }

    [Fact]
    public void HeaderParameters_SchemaWithoutAnnotations_IsEmpty()
    {
        Assert.Empty(Extract("""{"type":"object","properties":{"q":{"type":"string"}}}"""));
        Assert.Empty(Extract("""{"type":"object"}"""));
    }

    [Fact]
    public void HeaderParameters_ReadOnce_IsTheSameListEachTime()
    {
        var tool = new SchemaTool("tool", """{"type":"object","properties":{"r":{"type":"string","x-mcp-header":"R"}}}""");

        Assert.Same(tool.HeaderParameters, tool.HeaderParameters);
    }

    [Fact]
    public void Add_ValidHandWrittenSchema_KeepsTheSchemaAsWritten()
    {
        const string Schema = """{"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"}},"required":["region"]}""";
        var collection = new McpServerPrimitiveCollection<McpServerTool>();
        var tool = new SchemaTool("execute_sql", Schema);

        collection.Add(tool);

        Assert.True(collection.TryGet("execute_sql", out McpServerTool? found));
        Assert.Equal(Schema, found.ProtocolTool.InputSchema.GetRawText());
        Assert.Equal(["Region"], found.HeaderParameters.Select(p => p.Name));
    }

    // The conformance suite's invalid tool definitions (client scenario http-custom-headers) plus the reachability rules.
    [Theory]
    [InlineData("""{"value":{"type":"string","x-mcp-header":""}}""", "must not be empty")]
    [InlineData("""{"data":{"type":"object","x-mcp-header":"Data"}}""", "only string, integer or boolean")]
    [InlineData("""{"items":{"type":"array","items":{"type":"string"},"x-mcp-header":"Items"}}""", "only string, integer or boolean")]
    [InlineData("""{"nil":{"type":"null","x-mcp-header":"Nil"}}""", "only string, integer or boolean")]
    [InlineData("""{"score":{"type":"number","x-mcp-header":"Score"}}""", "only string, integer or boolean")]
    [InlineData("""{"either":{"type":["string","integer"],"x-mcp-header":"Either"}}""", "only string, integer or boolean")]
    [InlineData("""{"untyped":{"x-mcp-header":"Untyped"}}""", "of type (none)")]
    [InlineData("""{"field1":{"type":"string","x-mcp-header":"Region"},"field2":{"type":"string","x-mcp-header":"Region"}}""", "repeats the header of property 'field1'")]
    [InlineData("""{"field1":{"type":"string","x-mcp-header":"MyField"},"field2":{"type":"string","x-mcp-header":"myfield"}}""", "unique ignoring case")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":"My Region"}}""", "not an RFC 9110 token")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":"Region:Primary"}}""", "not an RFC 9110 token")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":"Région"}}""", "not an RFC 9110 token")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":"Region\t1"}}""", "not an RFC 9110 token")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":"Region\r\nX-Injected: 1"}}""", "not an RFC 9110 token")]
    [InlineData("""{"value":{"type":"string","x-mcp-header":7}}""", "must be a string")]
    [InlineData("""{"list":{"type":"array","items":{"type":"string","x-mcp-header":"Item"}}}""", "not statically reachable")]
    [InlineData("""{"list":{"type":"array","prefixItems":[{"type":"string","x-mcp-header":"First"}]}}""", "not statically reachable")]
    [InlineData("""{"o":{"oneOf":[{"type":"string","x-mcp-header":"One"}]}}""", "not statically reachable")]
    [InlineData("""{"o":{"anyOf":[{"type":"string","x-mcp-header":"Any"}]}}""", "not statically reachable")]
    [InlineData("""{"o":{"allOf":[{"type":"string","x-mcp-header":"All"}]}}""", "not statically reachable")]
    [InlineData("""{"o":{"not":{"type":"string","x-mcp-header":"Not"}}}""", "not statically reachable")]
    [InlineData("""{"o":{"if":{"type":"string","x-mcp-header":"If"}}}""", "not statically reachable")]
    [InlineData("""{"o":{"then":{"type":"string","x-mcp-header":"Then"}}}""", "not statically reachable")]
    [InlineData("""{"o":{"else":{"type":"string","x-mcp-header":"Else"}}}""", "not statically reachable")]
    [InlineData("""{"m":{"type":"object","additionalProperties":{"type":"string","x-mcp-header":"Extra"}}}""", "not statically reachable")]
    [InlineData("""{"m":{"type":"object","patternProperties":{"^a":{"type":"string","x-mcp-header":"Pattern"}}}}""", "not statically reachable")]
    public void Add_InvalidAnnotation_ThrowsArgumentException(string properties, string problem)
    {
        ArgumentException ex = Rejected($$"""{"type":"object","properties":{{properties}}}""");

        Assert.StartsWith("Tool 'tool': the x-mcp-header annotation on property '", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_AnnotationBehindRef_IsRejectedEvenThoughTheTargetIsAnObjectProperty()
    {
        ArgumentException ex = Rejected("""
            {"type":"object","$defs":{"address":{"type":"object","properties":{"city":{"type":"string","x-mcp-header":"City"}}}},
             "properties":{"address":{"$ref":"#/$defs/address"}}}
            """);

        Assert.Contains("(at '/$defs/address/properties/city') is not statically reachable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_AnnotationOnTheRoot_IsRejected()
    {
        ArgumentException ex = Rejected("""{"type":"object","x-mcp-header":"Root","properties":{}}""");

        Assert.Contains("is on the schema root", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_InvalidAnnotation_ThrowsAndLeavesTheCollectionAsItWas()
    {
        var collection = new McpServerPrimitiveCollection<McpServerTool>();
        var valid = new SchemaTool("t", """{"type":"object","properties":{"r":{"type":"string","x-mcp-header":"R"}}}""");
        collection.Add(valid);

        Assert.Throws<ArgumentException>(() => collection.Set(new SchemaTool("t", """{"type":"object","properties":{"r":{"type":"number","x-mcp-header":"R"}}}""")));

        Assert.True(collection.TryGet("t", out McpServerTool? kept));
        Assert.Same(valid, kept);
    }

    [Fact]
    public void HeaderParameters_OfAnUnregisteredInvalidTool_Throws()
    {
        var tool = new SchemaTool("t", """{"type":"object","properties":{"r":{"type":"number","x-mcp-header":"R"}}}""");

        Assert.Throws<ArgumentException>(() => tool.HeaderParameters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Has Space")]
    [InlineData("Colon:")]
    [InlineData("Tab\t")]
    [InlineData("Ünicode")]
    public void Constructor_NameNotAToken_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new McpToolHeaderParameter(name, ["a"], McpHeaderValueType.String));
    }

    [Fact]
    public void Constructor_EmptyPathOrUnknownType_Throws()
    {
        Assert.Throws<ArgumentException>(() => new McpToolHeaderParameter("A", [], McpHeaderValueType.String));
        Assert.Throws<ArgumentOutOfRangeException>(() => new McpToolHeaderParameter("A", ["a"], (McpHeaderValueType)9));
    }

    [Fact]
    public void Constructor_AllTokenCharacters_AreAccepted()
    {
        var parameter = new McpToolHeaderParameter("Az09!#$%&'*+-.^_`|~", ["a", "b"], McpHeaderValueType.Boolean);

        Assert.Equal("Mcp-Param-Az09!#$%&'*+-.^_`|~", parameter.HeaderName);
        Assert.Equal("Mcp-Param-Az09!#$%&'*+-.^_`|~ <- a.b (Boolean)", parameter.ToString());
    }
}
