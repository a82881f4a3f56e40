using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server.Tests.Binding;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Primitives;

/// <summary>Calling tools: argument binding, special parameters, and how failures reach the client.</summary>
public sealed class MethodServerToolInvocationTests
{
    internal static class FailingTools
    {
        [McpTool]
        public static string Crash() => throw new InvalidOperationException("secret connection string");

        [McpTool]
        public static async Task<string> CrashLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("secret in async");
        }

        [McpTool]
        public static string Refuse() => throw new McpException("The quota is exhausted.");

        [McpTool]
        public static string Count(int count) => $"count={count}";
    }

    internal sealed class InstanceTools(IGreeter greeter, DisposalLog log) : IDisposable
    {
        [McpTool]
        public string Hello(string name) => greeter.Greet(name);

        public void Dispose() => log.Disposed++;
    }

    internal sealed class DisposalLog
    {
        public int Disposed { get; set; }
    }

    private static TestServer WithGreeter(Type primitives, Action<McpServerOptions>? options = null) =>
        TestServer.Create(primitives, options, s => s.AddSingleton<IGreeter, Greeter>().AddSingleton<DisposalLog>());

    [Fact]
    public async Task Call_AllArgumentKinds_BindFromJson()
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"get_weather","arguments":{"city":"Oslo","days":5,"note":"n","limit":2,"unit":"Fahrenheit","verbose":true,"tags":["a","b"]}}""");

        Assert.Equal("Oslo 5 n 2 Fahrenheit True a|b", Rpc.ToolText(response));
    }

    [Fact]
    public async Task Call_EnumArgumentAsInteger_IsAToolErrorNamingTheArgument()
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"get_weather","arguments":{"city":"Oslo","unit":1}}""");

        Assert.Equal("Invalid arguments for tool 'get_weather': Argument 'unit' is not a valid enum value.", Rpc.ToolText(response, isError: true));
    }

    [Fact]
    public async Task Call_OptionalArgumentsOmitted_UseDefaults()
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"get_weather","arguments":{"city":"Oslo"}}""");

        Assert.Equal("Oslo 3 - - Celsius False -", Rpc.ToolText(response));
    }

    [Fact]
    public async Task Call_NullForOptionalArguments_UsesDefaults()
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"get_weather","arguments":{"city":"Oslo","days":null,"note":null,"limit":null}}""");

        Assert.Equal("Oslo 3 - - Celsius False -", Rpc.ToolText(response));
    }

    [Fact]
    public async Task Call_SpecialParameters_AreSuppliedByTheServer()
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync("""{"sampling":{}}""");

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"special_parameters","arguments":{"value":"Ada"}}""");

        Assert.Equal("Hello, Ada!;True;tools/call;True;True;True;True;True", Rpc.ToolText(response));
    }

    [Fact]
    public async Task Call_InstanceMethod_GetsConstructorInjectionAndIsDisposedPerCall()
    {
        await using TestServer server = WithGreeter(typeof(InstanceTools));
        TestSession session = await server.InitializedSessionAsync();

        Assert.Equal("Hello, A!", Rpc.ToolText(await session.RequestAsync("tools/call", """{"name":"hello","arguments":{"name":"A"}}""")));
        Assert.Equal("Hello, B!", Rpc.ToolText(await session.RequestAsync("tools/call", """{"name":"hello","arguments":{"name":"B"}}""")));

        Assert.Equal(2, server.Services.GetRequiredService<DisposalLog>().Disposed);
    }

    [Theory]
    [InlineData("""{"name":"get_weather"}""", "Invalid arguments for tool 'get_weather': Missing required argument 'city'.")]
    [InlineData("""{"name":"get_weather","arguments":{}}""", "Invalid arguments for tool 'get_weather': Missing required argument 'city'.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":null}}""", "Invalid arguments for tool 'get_weather': Argument 'city' must not be null.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":"x","days":"5"}}""", "Invalid arguments for tool 'get_weather': Argument 'days' is not a valid integer.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":"x","days":1.5}}""", "Invalid arguments for tool 'get_weather': Argument 'days' is not a valid integer.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":"x","verbose":"yes"}}""", "Invalid arguments for tool 'get_weather': Argument 'verbose' is not a valid boolean.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":"x","tags":"a"}}""", "Invalid arguments for tool 'get_weather': Argument 'tags' is not a valid array.")]
    [InlineData("""{"name":"get_weather","arguments":{"city":7}}""", "Invalid arguments for tool 'get_weather': Argument 'city' is not a valid string.")]
    [InlineData("""{"name":"get_weather","arguments":[1]}""", "Invalid arguments for tool 'get_weather': The arguments must be a JSON object.")]
    [InlineData("""{"name":"get_weather","arguments":"city"}""", "Invalid arguments for tool 'get_weather': The arguments must be a JSON object.")]
    public async Task Call_InvalidArguments_IsAnErrorResultNotAProtocolError(string parameters, string expected)
    {
        await using TestServer server = WithGreeter(typeof(SchemaTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", parameters);

        Assert.Equal(expected, Rpc.ToolText(response, isError: true));
    }

    [Fact]
    public async Task Call_IntegerOutOfRange_IsAnErrorResult()
    {
        await using TestServer server = TestServer.Create(typeof(FailingTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"count","arguments":{"count":99999999999}}""");

        Assert.Equal("Invalid arguments for tool 'count': Argument 'count' is not a valid integer.", Rpc.ToolText(response, isError: true));
    }

    [Fact]
    public async Task Call_UnknownExtraArguments_AreIgnored()
    {
        await using TestServer server = TestServer.Create(typeof(FailingTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"count","arguments":{"count":1,"other":true}}""");

        Assert.Equal("count=1", Rpc.ToolText(response));
    }

    [Theory]
    [InlineData("crash")]
    [InlineData("crash_later")]
    public async Task Call_ToolThrows_IsAGenericErrorResultWithoutTheExceptionText(string name)
    {
        await using TestServer server = TestServer.Create(typeof(FailingTools));
        server.Logs.ExpectError(e => e.EventId.Id == 1002 && e.Exception is InvalidOperationException);
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", $$"""{"name":"{{name}}"}""");

        Assert.Equal($"The tool '{name}' failed.", Rpc.ToolText(response, isError: true));
        Assert.DoesNotContain("secret", response.ToJsonString(), StringComparison.Ordinal);
        CapturedLog log = Assert.Single(server.Logs.Entries, e => e.EventId.Id == 1002);
        Assert.Contains("secret", log.Exception!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ToolThrowsWithExceptionDetailsOn_IncludesTheExceptionText()
    {
        await using TestServer server = TestServer.Create(typeof(FailingTools), o => o.IncludeExceptionDetails = true);
        server.Logs.ExpectError(e => e.EventId.Id == 1002);
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"crash"}""");

        Assert.Equal("The tool 'crash' failed: secret connection string", Rpc.ToolText(response, isError: true));
    }

    [Fact]
    public async Task Call_ToolThrowsMcpException_UsesItsMessageAndLogsNoError()
    {
        await using TestServer server = TestServer.Create(typeof(FailingTools));
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/call", """{"name":"refuse"}""");

        Assert.Equal("The quota is exhausted.", Rpc.ToolText(response, isError: true));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task CreateDelegateTool_Registered_IsListedAndCallable()
    {
        await using TestServer server = TestServer.Create(b => b.WithTool("multiply", (int a, int b) => a * b, "Multiplies."));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject list = Rpc.Result(await session.RequestAsync("tools/list"));
        JsonNode response = await session.RequestAsync("tools/call", """{"name":"multiply","arguments":{"a":6,"b":7}}""");

        JsonNode tool = Assert.Single(list["tools"]!.AsArray())!;
        Assert.Equal("Multiplies.", (string?)tool["description"]);
        JsonAssertions.Equivalent("""["a","b"]""", tool["inputSchema"]!["required"]);
        Assert.Equal("42", Rpc.ToolText(response));
    }
}
