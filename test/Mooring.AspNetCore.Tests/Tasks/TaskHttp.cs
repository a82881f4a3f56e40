using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.AspNetCore.Tests.Tasks;

/// <summary>
/// Task requests over real HTTP, written as raw JSON so each test states what goes on the wire: modern requests with
/// their <c>_meta</c> (protocol version, the request's capabilities, with or without the tasks extension) and the
/// headers a correct client mirrors from the body (<c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>);
/// optionally an <see cref="TestUserStartupFilter.Header"/> naming the authenticated user.
/// </summary>
internal static class TaskHttp
{
    /// <summary>Capabilities of a request that opts in to the tasks extension (and can answer elicitations).</summary>
    public const string WithTasks = """{"elicitation":{},"extensions":{"io.modelcontextprotocol/tasks":{}}}""";

    /// <summary>Capabilities of a request that does not opt in.</summary>
    public const string WithoutTasks = """{"elicitation":{}}""";

    /// <summary>Starts a server with <see cref="HttpTaskTools"/>, its probe, and the test-user middleware.</summary>
    public static Task<KestrelTestServer> StartAsync(Action<KestrelTestServerOptions>? configure = null) =>
        KestrelTestServer.StartAsync(options =>
        {
            options.PrimitiveTypes.Add(typeof(HttpTaskTools));
            options.ConfigureServices = services =>
            {
                services.AddSingleton<TaskProbe>();
                services.AddScoped<ScopedProbeService>();
                services.AddTransient<IStartupFilter, TestUserStartupFilter>();
            };
            configure?.Invoke(options);
        });

    public static TaskProbe Probe(this KestrelTestServer server) => server.Services.GetRequiredService<TaskProbe>();

    /// <summary>A modern request: the body with its <c>_meta</c>, posted with the matching headers.</summary>
    public static RawHttpRequest Request(string idJson, string method, string paramsJson = "{}", string capabilities = WithTasks, string? user = null)
    {
        JsonObject parameters = JsonNode.Parse(paramsJson)!.AsObject();
        parameters["_meta"] = new JsonObject
        {
            [McpMetaKeys.ProtocolVersion] = McpProtocolVersions.V20260728,
            [McpMetaKeys.ClientCapabilities] = JsonNode.Parse(capabilities),
            [McpMetaKeys.ClientInfo] = new JsonObject { ["name"] = "mooring-task-tests", ["version"] = "1.0.0" },
        };
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(idJson), ["method"] = method, ["params"] = parameters };
        RawHttpRequest request = RawHttpRequest.Post(body.ToJsonString(), protocolVersion: McpProtocolVersions.V20260728)
            .WithHeader("Mcp-Method", method);
        if (McpRequestHeaderValidator.GetNameMember(method) is { } member && parameters[member] is JsonValue name)
        {
            request.WithHeader("Mcp-Name", (string)name!);
        }

        return user is null ? request : request.WithHeader(TestUserStartupFilter.Header, user);
    }

    /// <summary>Sends one modern request on a new connection and reads the whole (JSON) answer.</summary>
    public static Task<RawHttpResponse> SendAsync(KestrelTestServer server, string idJson, string method, string paramsJson = "{}", string capabilities = WithTasks, string? user = null) =>
        RawHttpClient.ExchangeAsync(server.BaseAddress, Request(idJson, method, paramsJson, capabilities, user));

    /// <summary>Sends a modern request that must succeed with HTTP 200 and JSON; returns its result.</summary>
    public static async Task<JsonElement> ResultAsync(KestrelTestServer server, string method, string paramsJson = "{}", string capabilities = WithTasks, string? user = null) =>
        JsonRpcAssert.Result(await SendAsync(server, "1", method, paramsJson, capabilities, user), "1");

    /// <summary>Calls <paramref name="tool"/> with the extension; the answer must be a task. Returns its id.</summary>
    public static async Task<string> StartTaskAsync(KestrelTestServer server, string tool, string argumentsJson = "{}", string? user = null)
    {
        JsonElement created = await ResultAsync(server, McpMethods.ToolsCall, CallParams(tool, argumentsJson), user: user);
        Assert.True(created.GetProperty("resultType").GetString() == McpResultTypes.Task, $"Expected a task: {created.GetRawText()}");
        return created.GetProperty("taskId").GetString()!;
    }

    /// <summary>Polls <c>tasks/get</c> until the task has <paramref name="status"/>; returns that answer's result.</summary>
    public static async Task<JsonElement> StatusAsync(KestrelTestServer server, string taskId, string status, string? user = null)
    {
        DateTime deadline = DateTime.UtcNow + ToolProbe.WaitLimit;
        while (true)
        {
            JsonElement task = await ResultAsync(server, McpMethods.TasksGet, TaskIdParams(taskId), user: user);
            if (task.GetProperty("status").GetString() == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The task did not become {status}: {task.GetRawText()}");
            await Task.Delay(20);
        }
    }

    public static string CallParams(string tool, string argumentsJson = "{}") =>
        new JsonObject { ["name"] = tool, ["arguments"] = JsonNode.Parse(argumentsJson) }.ToJsonString();

    public static string TaskIdParams(string taskId) => new JsonObject { ["taskId"] = taskId }.ToJsonString();

    public static string UpdateParams(string taskId, string inputResponsesJson) =>
        new JsonObject { ["taskId"] = taskId, ["inputResponses"] = JsonNode.Parse(inputResponsesJson) }.ToJsonString();

    /// <summary>The member names of a JSON object.</summary>
    public static string[] Members(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}

/// <summary>
/// Authenticates each request as the user its <see cref="Header"/> names (no header: anonymous), in front of the MCP
/// endpoint, so tests can show that tasks are bound to the principal the transport saw.
/// </summary>
internal sealed class TestUserStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-User";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is [{ Length: > 0 } name])
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], authenticationType: "test"));
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
