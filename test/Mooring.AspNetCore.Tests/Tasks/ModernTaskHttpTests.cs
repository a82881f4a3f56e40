using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Tasks;

/// <summary>
/// The tasks extension (<c>io.modelcontextprotocol/tasks</c>) over real HTTP: discovery, server-directed creation
/// with a flat task result, the per-request opt-in and its <c>-32021</c> gate, <c>tasks/get</c> with the result,
/// the error or the open input requests, <c>tasks/update</c> and <c>tasks/cancel</c> acknowledgements, the removed
/// legacy methods, tasks bound to the authenticated principal, and a tool that gathers its input before it becomes a task.
/// </summary>
public sealed class ModernTaskHttpTests
{
    [Fact]
    public async Task Discover_AdvertisesTheTasksExtension_AndNoTasksCapability()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        JsonElement result = await TaskHttp.ResultAsync(server, McpMethods.ServerDiscover, capabilities: TaskHttp.WithoutTasks);

        JsonElement capabilities = result.GetProperty("capabilities");
        Assert.Equal(JsonValueKind.Object, capabilities.GetProperty("extensions").GetProperty(McpExtensionIds.Tasks).ValueKind);
        Assert.False(capabilities.TryGetProperty("tasks", out _), capabilities.GetRawText());
    }

    [Fact]
    public async Task CallTool_OptionalToolWithTheExtension_ReturnsAFlatTask_ThatTasksGetResolvesAtOnce()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync(o => o.ConfigureServer = s =>
        {
            s.Tasks.DefaultTtl = TimeSpan.FromMinutes(2);
            s.Tasks.PollInterval = TimeSpan.FromMilliseconds(300);
        });

        JsonElement created = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("gated", """{"key":"a"}"""));

        Assert.Equal(McpResultTypes.Task, created.GetProperty("resultType").GetString());
        string id = created.GetProperty("taskId").GetString()!;
        Assert.True(id.Length >= 16, id);
        Assert.Equal(McpTaskStatuses.Working, created.GetProperty("status").GetString());
        IsoTimestamp(created.GetProperty("createdAt"));
        IsoTimestamp(created.GetProperty("lastUpdatedAt"));
        Assert.Equal(120_000, created.GetProperty("ttlMs").GetInt64());
        Assert.Equal(300, created.GetProperty("pollIntervalMs").GetInt64());
        foreach (string absent in new[] { "task", "result", "error", "inputRequests", "requestState", "ttl", "pollInterval", "content" })
        {
            Assert.False(created.TryGetProperty(absent, out _), $"A created task carries no '{absent}': {created.GetRawText()}");
        }

        // Durably created before the answer: an immediate tasks/get finds it.
        JsonElement got = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id));
        Assert.Equal(id, got.GetProperty("taskId").GetString());
        Assert.Equal(McpResultTypes.Complete, got.GetProperty("resultType").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), got.GetProperty("createdAt").GetString());
        server.Probe().For("a").Gate.TrySetResult();
        await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);
    }

    [Fact]
    public async Task CallTool_OptionalToolWithoutTheExtension_AnswersSynchronously()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        JsonElement result = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("quick", """{"text":"x"}"""), TaskHttp.WithoutTasks);

        Assert.Equal(McpResultTypes.Complete, result.GetProperty("resultType").GetString());
        Assert.Equal("quick x", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(result.TryGetProperty("taskId", out _));
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task CallTool_ForbiddenToolWithTheExtension_AnswersSynchronously()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        JsonElement result = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("plain", """{"text":"x"}"""));

        Assert.Equal(McpResultTypes.Complete, result.GetProperty("resultType").GetString());
        Assert.Equal("plain x", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task CallTool_RequiredToolWithoutTheExtension_Returns400MissingCapability_NamingTheExtension()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        RawHttpResponse response = await TaskHttp.SendAsync(server, "7", McpMethods.ToolsCall, TaskHttp.CallParams("required_job"), TaskHttp.WithoutTasks);

        JsonElement error = JsonRpcAssert.Rejection(response, McpRejection.MissingClientCapability, "7").GetProperty("error");
        Assert.Equal(JsonRpcErrorCodes.MissingRequiredClientCapability, error.GetProperty("code").GetInt32());
        JsonElement required = error.GetProperty("data").GetProperty("requiredCapabilities");
        Assert.Equal(JsonValueKind.Object, required.GetProperty("extensions").GetProperty(McpExtensionIds.Tasks).ValueKind);
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Tasks));
    }

    [Theory]
    [InlineData(McpMethods.TasksGet)]
    [InlineData(McpMethods.TasksCancel)]
    [InlineData(McpMethods.TasksUpdate)]
    public async Task TasksMethod_WithoutTheExtension_Returns32021_BeforeLookingAtTheId(string method)
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string parameters = method == McpMethods.TasksUpdate ? TaskHttp.UpdateParams("gate-test", "{}") : TaskHttp.TaskIdParams("gate-test");

        RawHttpResponse response = await TaskHttp.SendAsync(server, "3", method, parameters, TaskHttp.WithoutTasks);

        JsonElement error = JsonRpcAssert.Rejection(response, McpRejection.MissingClientCapability, "3").GetProperty("error");
        Assert.Equal(JsonValueKind.Object, error.GetProperty("data").GetProperty("requiredCapabilities").GetProperty("extensions").GetProperty(McpExtensionIds.Tasks).ValueKind);
    }

    [Theory]
    [InlineData(McpMethods.TasksGet)]
    [InlineData(McpMethods.TasksCancel)]
    [InlineData(McpMethods.TasksUpdate)]
    public async Task TasksMethod_UnknownIdWithTheExtension_Returns32602(string method)
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string parameters = method == McpMethods.TasksUpdate ? TaskHttp.UpdateParams("no-such-task", "{}") : TaskHttp.TaskIdParams("no-such-task");

        RawHttpResponse response = await TaskHttp.SendAsync(server, "4", method, parameters);

        JsonRpcAssert.Rejection(response, McpRejection.InvalidParams, "4");
    }

    [Fact]
    public async Task TasksGet_CompletedTask_CarriesTheToolResult_WithoutRelatedTaskMeta()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "gated", """{"key":"a"}""");
        await server.Probe().For("a").Started.Task.WaitAsync(ToolProbe.WaitLimit);
        JsonElement working = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id));
        Assert.Equal(McpTaskStatuses.Working, working.GetProperty("status").GetString());
        Assert.False(working.TryGetProperty("result", out _));

        server.Probe().For("a").Gate.TrySetResult();
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);

        Assert.Equal(McpResultTypes.Complete, completed.GetProperty("resultType").GetString());
        JsonElement result = completed.GetProperty("result");
        Assert.Equal("released a", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(result.TryGetProperty("isError", out JsonElement isError) && isError.GetBoolean());
        Assert.False(result.TryGetProperty("_meta", out JsonElement meta) && meta.TryGetProperty(McpMetaKeys.RelatedTask, out _), result.GetRawText());
        Assert.False(completed.TryGetProperty("error", out _));
        Assert.False(completed.TryGetProperty("inputRequests", out _));
    }

    [Fact]
    public async Task TasksGet_ToolError_IsCompletedWithAnIsErrorResult()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "tool_failure");

        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);

        JsonElement result = completed.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("The job failed as a tool.", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(completed.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task TasksGet_ProtocolError_IsFailedWithTheJsonRpcError_AndNoResult()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "protocol_failure");

        JsonElement failed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Failed);

        JsonElement error = failed.GetProperty("error");
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Equal("The job hit a protocol error.", error.GetProperty("message").GetString());
        Assert.False(failed.TryGetProperty("result", out _));
        Assert.False(failed.TryGetProperty("inputRequests", out _));
    }

    [Fact]
    public async Task TasksGet_TaskWaitingForInput_ShowsItsInputRequests()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "confirm", """{"filename":"a.txt"}""");

        JsonElement waiting = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.InputRequired);

        JsonElement requests = waiting.GetProperty("inputRequests");
        Assert.Equal([HttpTaskTools.ConfirmKey], TaskHttp.Members(requests));
        JsonElement request = requests.GetProperty(HttpTaskTools.ConfirmKey);
        Assert.Equal(McpMethods.ElicitationCreate, request.GetProperty("method").GetString());
        Assert.Equal("Delete a.txt?", request.GetProperty("params").GetProperty("message").GetString());
        Assert.False(waiting.TryGetProperty("result", out _));
        Assert.False(waiting.TryGetProperty("requestState", out _));
        await TaskHttp.ResultAsync(server, McpMethods.TasksCancel, TaskHttp.TaskIdParams(id));
    }

    [Fact]
    public async Task TasksUpdate_CompleteAnswers_ResumeTheTaskToCompleted()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "confirm", """{"filename":"a.txt"}""");
        await TaskHttp.StatusAsync(server, id, McpTaskStatuses.InputRequired);

        JsonElement ack = await TaskHttp.ResultAsync(server, McpMethods.TasksUpdate, TaskHttp.UpdateParams(id, """{"confirm":{"action":"accept","content":{"confirm":true}}}"""));

        AssertEmptyAck(ack);
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);
        Assert.Equal("Deleted a.txt.", completed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task TasksUpdate_PartialAnswers_RemoveTheAnsweredKey_AndKeepTheTaskWaiting()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "two_answers");
        JsonElement both = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.InputRequired);
        Assert.Equal(["first", "second"], TaskHttp.Members(both.GetProperty("inputRequests")).Order(StringComparer.Ordinal));

        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksUpdate, TaskHttp.UpdateParams(id, """{"first":{"action":"accept","content":{"name":"one"}}}""")));

        JsonElement partial = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id));
        Assert.Equal(McpTaskStatuses.InputRequired, partial.GetProperty("status").GetString());
        Assert.Equal(["second"], TaskHttp.Members(partial.GetProperty("inputRequests")));

        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksUpdate, TaskHttp.UpdateParams(id, """{"second":{"action":"accept","content":{"name":"two"}}}""")));
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);
        Assert.Equal("Got one and two.", completed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task TasksUpdate_UnknownKeys_AreAckedAndIgnored()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "confirm", """{"filename":"a.txt"}""");
        await TaskHttp.StatusAsync(server, id, McpTaskStatuses.InputRequired);

        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksUpdate, TaskHttp.UpdateParams(id, """{"unknown-key":{"ignored":true}}""")));

        JsonElement still = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id));
        Assert.Equal(McpTaskStatuses.InputRequired, still.GetProperty("status").GetString());
        Assert.Equal([HttpTaskTools.ConfirmKey], TaskHttp.Members(still.GetProperty("inputRequests")));

        // The real answer still works after the ignored one.
        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksUpdate, TaskHttp.UpdateParams(id, """{"confirm":{"action":"decline"}}""")));
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);
        Assert.Equal("Kept a.txt.", completed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task TasksCancel_AcksWithAnEmptyResult_FiresTheHandlersToken_AndIsIdempotent()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "gated", """{"key":"a"}""");
        TaskGate gate = server.Probe().For("a");
        await gate.Started.Task.WaitAsync(ToolProbe.WaitLimit);

        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksCancel, TaskHttp.TaskIdParams(id)));

        Assert.True(gate.TokenFired.Task.IsCompleted, "The handler's token must fire before tasks/cancel answers.");
        await gate.Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(McpTaskStatuses.Cancelled, (await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("status").GetString());
        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksCancel, TaskHttp.TaskIdParams(id)));
        Assert.Equal(McpTaskStatuses.Cancelled, (await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TasksCancel_CompletedTask_IsAcked_AndKeepsItsResult()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "quick", """{"text":"x"}""");
        await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);

        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksCancel, TaskHttp.TaskIdParams(id)));

        JsonElement task = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id));
        Assert.Equal(McpTaskStatuses.Completed, task.GetProperty("status").GetString());
        Assert.Equal("quick x", task.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(McpMethods.TasksResult, """{"taskId":"tasks-conformance-isolation-probe"}""")]
    [InlineData(McpMethods.TasksList, "{}")]
    public async Task LegacyOnlyTasksMethod_OnAModernRequest_Returns404MethodNotFound(string method, string parameters)
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        RawHttpResponse response = await TaskHttp.SendAsync(server, "5", method, parameters);

        JsonRpcAssert.Rejection(response, McpRejection.ModernMethodNotFound, "5");
    }

    [Fact]
    public async Task CallTool_LegacyTaskParamOnAModernCall_IsIgnored()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        JsonElement forbidden = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, """{"name":"plain","arguments":{"text":"x"},"task":{"ttl":60000}}""");
        JsonElement withoutExtension = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, """{"name":"quick","arguments":{"text":"y"},"task":{"ttl":60000}}""", TaskHttp.WithoutTasks);

        Assert.Equal("plain x", forbidden.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(McpResultTypes.Complete, forbidden.GetProperty("resultType").GetString());
        Assert.Equal("quick y", withoutExtension.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(withoutExtension.TryGetProperty("task", out _));
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task Task_IsBoundToTheAuthenticatedPrincipal()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        string id = await TaskHttp.StartTaskAsync(server, "confirm", """{"filename":"a.txt"}""", user: "alice");
        await TaskHttp.StatusAsync(server, id, McpTaskStatuses.InputRequired, user: "alice");

        foreach (string? stranger in new[] { "bob", null })
        {
            JsonRpcAssert.Rejection(await TaskHttp.SendAsync(server, "1", McpMethods.TasksGet, TaskHttp.TaskIdParams(id), user: stranger), McpRejection.InvalidParams, "1");
            JsonRpcAssert.Rejection(await TaskHttp.SendAsync(server, "2", McpMethods.TasksCancel, TaskHttp.TaskIdParams(id), user: stranger), McpRejection.InvalidParams, "2");
            string update = TaskHttp.UpdateParams(id, """{"confirm":{"action":"accept","content":{"confirm":true}}}""");
            JsonRpcAssert.Rejection(await TaskHttp.SendAsync(server, "3", McpMethods.TasksUpdate, update, user: stranger), McpRejection.InvalidParams, "3");
        }

        JsonElement task = await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id), user: "alice");
        Assert.Equal(McpTaskStatuses.InputRequired, task.GetProperty("status").GetString());
        AssertEmptyAck(await TaskHttp.ResultAsync(server, McpMethods.TasksCancel, TaskHttp.TaskIdParams(id), user: "alice"));
    }

    [Fact]
    public async Task DeferredTask_Round1AsksWithoutATask_Round2ReturnsTheTask_WhichCompletesWithTheAnswer()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();

        JsonElement round1 = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("deferred"));
        Assert.Equal(McpResultTypes.InputRequired, round1.GetProperty("resultType").GetString());
        Assert.False(round1.TryGetProperty("taskId", out _), round1.GetRawText());
        Assert.Equal([HttpTaskTools.UserNameKey], TaskHttp.Members(round1.GetProperty("inputRequests")));
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Tasks));

        var retry = new JsonObject
        {
            ["name"] = "deferred",
            ["arguments"] = new JsonObject(),
            ["inputResponses"] = new JsonObject { [HttpTaskTools.UserNameKey] = JsonNode.Parse("""{"action":"accept","content":{"name":"Alice"}}""") },
            ["requestState"] = round1.GetProperty("requestState").GetString(),
        };
        JsonElement round2 = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, retry.ToJsonString());
        Assert.Equal(McpResultTypes.Task, round2.GetProperty("resultType").GetString());
        string id = round2.GetProperty("taskId").GetString()!;
        Assert.False(round2.TryGetProperty("requestState", out _), round2.GetRawText());
        Assert.False(round2.TryGetProperty("inputRequests", out _), round2.GetRawText());
        Assert.Equal(McpTaskStatuses.Working, (await TaskHttp.ResultAsync(server, McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("status").GetString());

        server.Probe().For("deferred").Gate.TrySetResult();
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);
        Assert.Equal("Hello, Alice!", completed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Handlers));
    }

    [Fact]
    public async Task DeferredTask_KeepsTheScopedServicesItWasGiven_AfterTheRequestEnded()
    {
        // The endpoint disposes the request's service scope once the CreateTaskResult is written; the detached work
        // goes on with the services bound from that scope (StartTask, by contrast, gives a task a scope of its own).
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        JsonElement round1 = await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("deferred_scoped"));
        var retry = new JsonObject
        {
            ["name"] = "deferred_scoped",
            ["arguments"] = new JsonObject(),
            ["inputResponses"] = new JsonObject { [HttpTaskTools.UserNameKey] = JsonNode.Parse("""{"action":"accept","content":{"name":"Alice"}}""") },
            ["requestState"] = round1.GetProperty("requestState").GetString(),
        };
        string id = (await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, retry.ToJsonString())).GetProperty("taskId").GetString()!;

        server.Probe().For("deferred_scoped").Gate.TrySetResult();
        JsonElement completed = await TaskHttp.StatusAsync(server, id, McpTaskStatuses.Completed);

        Assert.Equal("Hello, Alice! (scope alive)", completed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    /// <summary>A tasks/update or tasks/cancel acknowledgement: resultType complete and none of the task's fields.</summary>
    private static void AssertEmptyAck(JsonElement ack)
    {
        Assert.Equal(McpResultTypes.Complete, ack.GetProperty("resultType").GetString());
        foreach (string absent in new[] { "taskId", "status", "result", "error", "inputRequests", "requestState" })
        {
            Assert.False(ack.TryGetProperty(absent, out _), $"An acknowledgement carries no '{absent}': {ack.GetRawText()}");
        }
    }

    private static void IsoTimestamp(JsonElement value)
    {
        string text = value.GetString()!;
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _), text);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
    }
}
