using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills.Tests.Infrastructure;

/// <summary>
/// A real <see cref="McpServer"/> built through DI as an application would, with a log sink that fails the test on
/// undeclared error logs. Modern requests go through <see cref="McpServer.ValidateModernRequest"/> and
/// <see cref="McpServer.HandleModernAsync"/>, the two calls a transport makes.
/// </summary>
internal sealed class SkillsTestServer : IAsyncDisposable
{
    private int _nextId;

    private SkillsTestServer(ServiceProvider services, FailOnErrorLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
        Server = services.GetRequiredService<McpServer>();
    }

    public ServiceProvider Services { get; }

    public FailOnErrorLoggerProvider Logs { get; }

    public McpServer Server { get; }

    public McpSkillsExtension Extension => Services.GetRequiredService<McpSkillsExtension>();

    public static SkillsTestServer Create(Action<IMcpServerBuilder> build, Action<McpServerOptions>? options = null)
    {
        var logs = new FailOnErrorLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        build(collection.AddMcpServer(options));
        return new SkillsTestServer(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    /// <summary>A server with the skills of <paramref name="provider"/>.</summary>
    public static SkillsTestServer Create(McpSkillProvider provider, Action<McpSkillsOptions>? configure = null, Action<McpServerOptions>? options = null) =>
        Create(b => b.WithSkills(provider, configure), options);

    /// <summary>Sends a modern (2026-07-28) request and returns the response as it would go on the wire.</summary>
    public async Task<JsonNode> RequestAsync(string method, JsonObject? parameters = null)
    {
        parameters ??= [];
        parameters["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "skills-tests", ["version"] = "1.0.0" },
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        var envelope = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters,
        };
        byte[] bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        JsonRpcParseResult parsed = JsonRpcReader.Parse(bytes);
        Assert.True(parsed.IsOk, parsed.Detail);
        JsonRpcMessage message = parsed.Message!;
        RequestMeta meta = System.Text.Json.JsonSerializer.Deserialize(message.Params.Span, McpJsonContext.Default.RequestParams)!.Meta!;
        McpOutgoingMessage response = Server.ValidateModernRequest(message.Id!.Value, method, meta)
            ?? await Server.HandleModernAsync(message, meta, null, Services, string.Empty, CancellationToken.None);
        return JsonNode.Parse(response.ToArray())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Logs.AssertNoUnexpectedErrors();
    }
}
