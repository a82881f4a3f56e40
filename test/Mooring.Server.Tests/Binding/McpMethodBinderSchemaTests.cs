using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Binding;

/// <summary>What <c>tools/list</c> says about a method: name, description, input and output schemas, annotations.</summary>
public sealed class McpMethodBinderSchemaTests
{
    private static async Task<JsonNode> ListedToolAsync(string name)
    {
        await using var server = TestServer.Create(typeof(SchemaTools), services: s => s.AddSingleton<IGreeter, Greeter>());
        TestSession session = await server.InitializedSessionAsync();
        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list"));
        return result["tools"]!.AsArray().Single(t => (string?)t!["name"] == name)!;
    }

    [Fact]
    public async Task Name_Default_IsSnakeCaseWithoutAsyncSuffix()
    {
        JsonNode tool = await ListedToolAsync("get_weather");

        Assert.Equal("Gets the weather.", (string?)tool["description"]);
    }

    [Fact]
    public async Task Name_Explicit_IsUsedVerbatimWithTitleAndOnlyTheHintsSet()
    {
        JsonNode tool = await ListedToolAsync("explicit-name");

        Assert.Equal("Explicit", (string?)tool["title"]);
        Assert.Null(tool["description"]);
        JsonAssertions.Equivalent("""{"title":"Explicit","readOnlyHint":true,"idempotentHint":true}""", tool["annotations"]);
    }

    [Fact]
    public async Task Annotations_NoneSet_AreOmitted()
    {
        JsonNode tool = await ListedToolAsync("report");

        Assert.Null(tool["annotations"]);
    }

    [Fact]
    public async Task InputSchema_DescribesEachParameter()
    {
        JsonNode schema = (await ListedToolAsync("get_weather"))["inputSchema"]!;

        Assert.Equal("object", (string?)schema["type"]);
        JsonNode properties = schema["properties"]!;
        Assert.Equal(["city", "days", "note", "limit", "unit", "verbose", "tags"], properties.AsObject().Select(p => p.Key));
        JsonAssertions.Equivalent("""{"description":"City name.","type":"string"}""", properties["city"]);
        // string[]? tags = null: a nullable reference accepts null, and the schema says so.
        JsonAssertions.Equivalent("""{"type":["array","null"],"items":{"type":"string"}}""", properties["tags"]);

        // Enums travel by name: the schema lists them, with the default by name too.
        JsonAssertions.Equivalent("""{"type":"string","enum":["Celsius","Fahrenheit"],"default":"Celsius"}""", properties["unit"]);
    }

    [Fact]
    public async Task InputSchema_OnlyParametersWithoutDefaultAndNotNullable_AreRequired()
    {
        JsonNode schema = (await ListedToolAsync("get_weather"))["inputSchema"]!;

        JsonAssertions.Equivalent("""["city"]""", schema["required"]);
    }

    [Fact]
    public async Task InputSchema_DefaultValues_AreDeclared()
    {
        JsonNode properties = (await ListedToolAsync("get_weather"))["inputSchema"]!["properties"]!;

        JsonAssertions.Equivalent("""{"type":"integer","default":3}""", properties["days"]);
        JsonAssertions.Equivalent("""{"type":"boolean","default":false}""", properties["verbose"]);
        Assert.Null(properties["note"]!["default"]);
    }

    [Fact]
    public async Task InputSchema_NullableValueType_AllowsNull()
    {
        JsonNode properties = (await ListedToolAsync("get_weather"))["inputSchema"]!["properties"]!;

        JsonAssertions.Equivalent("""{"type":["integer","null"]}""", properties["limit"]);
    }

    [Fact]
    public async Task InputSchema_NoArguments_IsAnEmptyObjectSchemaWithoutRequired()
    {
        JsonNode schema = (await ListedToolAsync("explicit-name"))["inputSchema"]!;

        JsonAssertions.Equivalent("""{"type":"object","properties":{}}""", schema);
    }

    [Fact]
    public async Task InputSchema_ServicesAndRequestScopedParameters_AreNotArguments()
    {
        JsonNode schema = (await ListedToolAsync("special_parameters"))["inputSchema"]!;

        JsonAssertions.Equivalent("""{"type":"object","properties":{"value":{"type":"string"}},"required":["value"]}""", schema);
    }

    [Fact]
    public async Task OutputSchema_ObjectReturnType_IsDeclaredWithDescriptions()
    {
        JsonNode tool = await ListedToolAsync("report");

        JsonAssertions.Equivalent(
            """
            {"description":"A weather report.","type":"object",
             "properties":{"temperature":{"description":"Degrees.","type":"number"},"conditions":{"type":"string"}},
             "required":["temperature","conditions"]}
            """,
            tool["outputSchema"]);
    }

    [Fact]
    public async Task OutputSchema_StringReturnType_IsAbsent()
    {
        JsonNode tool = await ListedToolAsync("get_weather");

        Assert.Null(tool["outputSchema"]);
    }

    [Fact]
    public async Task Registration_ServiceParameterWithoutRegisteredService_BecomesARequiredArgument()
    {
        // Without IGreeter in DI the binder cannot tell it is a service: it is then an argument the client must send.
        await using var server = TestServer.Create(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list"));

        JsonNode tool = result["tools"]!.AsArray().Single(t => (string?)t!["name"] == "special_parameters")!;
        JsonAssertions.Equivalent("""["value","greeter"]""", tool["inputSchema"]!["required"]);
    }
}
