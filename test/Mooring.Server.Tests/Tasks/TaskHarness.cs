using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Tasks;

/// <summary>
/// Drives tasks at the core: a <see cref="TestServer"/> with <see cref="TaskTools"/>, modern requests handed to
/// <see cref="McpServer.HandleModernAsync"/> in a service scope disposed when the request ends (as the HTTP transport
/// does), and bounded polling of <c>tasks/get</c> in either era.
/// </summary>
internal static class TaskHarness
{
    /// <summary>Capabilities of a modern request that opts in to the tasks extension (and can answer elicitations).</summary>
    public const string WithTasks = """{"elicitation":{},"extensions":{"io.modelcontextprotocol/tasks":{}}}""";

    /// <summary>Capabilities of a modern request that does not opt in.</summary>
    public const string WithoutTasks = """{"elicitation":{}}""";

    private static long s_nextId;

    public static TestServer CreateServer(Action<McpServerOptions>? options = null) =>
        TestServer.Create(typeof(TaskTools), options, services =>
        {
            services.AddSingleton<TaskProbe>();
            services.AddScoped<ScopedProbeService>();
        });

    public static TaskProbe Probe(this TestServer server) => server.Services.GetRequiredService<TaskProbe>();

    /// <summary>
    /// Sends one modern request as a transport would: checked by <see cref="McpServer.ValidateModernRequest"/>, then
    /// handled in a fresh scope that is disposed as soon as the response exists.
    /// </summary>
    public static async Task<ModernResponse> ModernAsync(TestServer server, string method, string paramsJson = "{}", string capabilities = WithTasks, string principal = "")
    {
        var meta = new JsonObject
        {
            [McpMetaKeys.ProtocolVersion] = McpProtocolVersions.V20260728,
            [McpMetaKeys.ClientCapabilities] = JsonNode.Parse(capabilities),
        };
        JsonObject parameters = JsonNode.Parse(paramsJson)!.AsObject();
        parameters["_meta"] = meta;
        long id = Interlocked.Increment(ref s_nextId);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };

        // The buffer stays referenced by this frame until the handler has read its params, as a transport's would.
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        JsonRpcParseResult parsed = JsonRpcReader.Parse(body);
        Assert.True(parsed.IsOk, parsed.Detail);
        RequestMeta requestMeta = JsonSerializer.Deserialize(meta.ToJsonString(), McpJsonContext.Default.RequestMeta)!;
        McpOutgoingMessage response = server.Server.ValidateModernRequest(parsed.Message!.Id!.Value, method, requestMeta)
            ?? await HandleInScopeAsync(server, parsed.Message, requestMeta, principal);
        return new ModernResponse(JsonNode.Parse(response.ToArray())!, response.HttpStatus);
    }

    /// <summary>Polls modern <c>tasks/get</c> until the task has <paramref name="status"/>; returns that answer's result.</summary>
    public static async Task<JsonObject> ModernStatusAsync(TestServer server, string taskId, string status, string principal = "")
    {
        DateTime deadline = DateTime.UtcNow + TestServer.Patience;
        while (true)
        {
            JsonObject task = Rpc.Result((await ModernAsync(server, McpMethods.TasksGet, TaskIdParams(taskId), principal: principal)).Message);
            if ((string?)task["status"] == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The task did not become {status}: {task.ToJsonString()}");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls legacy <c>tasks/get</c> until the task has <paramref name="status"/>; returns that answer's result.</summary>
    public static async Task<JsonObject> LegacyStatusAsync(TestSession session, string taskId, string status)
    {
        DateTime deadline = DateTime.UtcNow + TestServer.Patience;
        while (true)
        {
            JsonObject task = Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskIdParams(taskId)));
            if ((string?)task["status"] == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The task did not become {status}: {task.ToJsonString()}");
            await Task.Delay(10);
        }
    }

    /// <summary>Starts a legacy task-augmented <c>tools/call</c> and returns the created task (<c>result.task</c>).</summary>
    public static async Task<JsonObject> LegacyTaskAsync(TestSession session, string tool, string argumentsJson = "{}", long? ttl = 60_000)
    {
        string task = ttl is { } ms ? $$"""{"ttl":{{ms}}}""" : "{}";
        JsonObject result = Rpc.Result(await session.RequestAsync(McpMethods.ToolsCall, $$"""{"name":"{{tool}}","arguments":{{argumentsJson}},"task":{{task}}}"""));
        return Assert.IsType<JsonObject>(result["task"]);
    }

    /// <summary>Starts a modern <c>tools/call</c> that must answer with a task; returns its id.</summary>
    public static async Task<string> ModernTaskAsync(TestServer server, string tool, string argumentsJson = "{}", string principal = "")
    {
        JsonObject created = Rpc.Result((await ModernAsync(server, McpMethods.ToolsCall, $$"""{"name":"{{tool}}","arguments":{{argumentsJson}}}""", principal: principal)).Message);
        Assert.Equal(McpResultTypes.Task, (string?)created["resultType"]);
        return (string)created["taskId"]!;
    }

    public static string TaskIdParams(string taskId) => new JsonObject { ["taskId"] = taskId }.ToJsonString();

    private static async Task<McpOutgoingMessage> HandleInScopeAsync(TestServer server, JsonRpcMessage message, RequestMeta meta, string principal)
    {
        await using AsyncServiceScope scope = server.Services.CreateAsyncScope();
        return await server.Server.HandleModernAsync(message, meta, null, scope.ServiceProvider, principal, CancellationToken.None).AsTask().WaitAsync(TestServer.Patience);
    }
}

/// <summary>A modern response as it goes on the wire, with the HTTP status the transport would give it.</summary>
internal sealed record ModernResponse(JsonNode Message, int HttpStatus);
