using System.Globalization;
using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Tasks;

/// <summary>
/// 2025-11-25 tasks in a session: the <c>tasks</c> capability and <c>execution.taskSupport</c>, task-augmented
/// <c>tools/call</c> answering <c>CreateTaskResult</c>, <c>tasks/get</c>, blocking <c>tasks/result</c>, paginated
/// <c>tasks/list</c>, <c>tasks/cancel</c>, the <c>-32601</c>/<c>-32602</c> rules, lifetimes, and isolation between sessions.
/// </summary>
public sealed class LegacyTaskTests
{
    [Fact]
    public async Task Initialize_WithATaskCapableTool_AdvertisesTheTasksCapability()
    {
        await using TestServer server = TaskHarness.CreateServer();

        JsonNode response = await server.CreateSession().InitializeAsync();

        JsonAssertions.Equivalent("""{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}""", Rpc.Result(response)["capabilities"]!["tasks"]);
    }

    [Fact]
    public async Task Initialize_WithoutTaskCapableTools_AdvertisesNoTasksCapability()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));

        JsonNode response = await server.CreateSession().InitializeAsync();

        Assert.Null(Rpc.Result(response)["capabilities"]!["tasks"]);
    }

    [Fact]
    public async Task ToolsList_ShowsEachToolsTaskSupport()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonArray tools = Rpc.Result(await session.RequestAsync(McpMethods.ToolsList))["tools"]!.AsArray();

        JsonNode Tool(string name) => tools.Single(t => (string?)t!["name"] == name)!;
        Assert.Equal("optional", (string?)Tool("gated")["execution"]!["taskSupport"]);
        Assert.Equal("required", (string?)Tool("required_job")["execution"]!["taskSupport"]);
        Assert.Null(Tool("plain")["execution"]?["taskSupport"]);
    }

    [Fact]
    public async Task CallTool_TaskAugmented_ReturnsCreateTaskResultWithAWorkingTask()
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.Tasks.PollInterval = TimeSpan.FromMilliseconds(250));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync(McpMethods.ToolsCall, """{"name":"gated","arguments":{"key":"a"},"task":{"ttl":60000}}"""));

        JsonObject task = Assert.IsType<JsonObject>(Assert.Single(result).Value);
        Assert.Equal("task", Assert.Single(result).Key);
        Assert.False(string.IsNullOrEmpty((string?)task["taskId"]));
        Assert.Equal(McpTaskStatuses.Working, (string?)task["status"]);
        Assert.Equal(server.Time.GetUtcNow(), ParseIso((string)task["createdAt"]!));
        Assert.Equal(server.Time.GetUtcNow(), ParseIso((string)task["lastUpdatedAt"]!));
        Assert.Equal(60_000, (long)task["ttl"]!);
        Assert.Equal(250, (long)task["pollInterval"]!);
        await server.Probe().For("a").Started.Task.WaitAsync(TestServer.Patience);
        server.Probe().For("a").Gate.TrySetResult();
    }

    [Fact]
    public async Task TasksGet_ReturnsTheTask_AndItsStatusFollowsTheWork()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}"""))["taskId"]!;
        await server.Probe().For("a").Started.Task.WaitAsync(TestServer.Patience);

        JsonObject working = Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)));
        Assert.Equal(id, (string?)working["taskId"]);
        Assert.Equal(McpTaskStatuses.Working, (string?)working["status"]);
        Assert.Equal(60_000, (long)working["ttl"]!);

        server.Time.Advance(TimeSpan.FromSeconds(3));
        server.Probe().For("a").Gate.TrySetResult();
        JsonObject completed = await TaskHarness.LegacyStatusAsync(session, id, McpTaskStatuses.Completed);
        Assert.Equal(server.Time.GetUtcNow(), ParseIso((string)completed["lastUpdatedAt"]!));
        Assert.Equal(server.Time.GetUtcNow() - TimeSpan.FromSeconds(3), ParseIso((string)completed["createdAt"]!));
    }

    [Fact]
    public async Task TasksResult_BlocksUntilTheTaskEnds_ThenReturnsTheToolResultWithTheRelatedTask()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}"""))["taskId"]!;
        await server.Probe().For("a").Started.Task.WaitAsync(TestServer.Patience);

        Task<JsonNode?> pending = session.StartRequest(McpMethods.TasksResult, TaskHarness.TaskIdParams(id));
        await Task.Delay(50);
        Assert.False(pending.IsCompleted, "tasks/result must block while the task is working.");

        server.Probe().For("a").Gate.TrySetResult();
        JsonNode response = (await pending.WaitAsync(TestServer.Patience))!;

        Assert.Equal("released a", Rpc.ToolText(response));
        Assert.Equal(id, (string?)response["result"]!["_meta"]![McpMetaKeys.RelatedTask]!["taskId"]);
    }

    [Fact]
    public async Task TasksResult_OfAFailedTask_ReturnsTheJsonRpcError()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "protocol_failure"))["taskId"]!;

        await TaskHarness.LegacyStatusAsync(session, id, McpTaskStatuses.Failed);
        JsonNode response = await session.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id));

        Assert.Equal("The job hit a protocol error.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task ToolError_EndsTheTaskFailed_AndTasksResultStillReturnsTheToolResult()
    {
        // 2025-11-25, basic/utilities/tasks "Task Execution Errors": a task wrapping a tool call whose result has
        // isError moves to failed; tasks/result returns exactly what tools/call would have returned (the result).
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "tool_failure"))["taskId"]!;

        JsonNode result = await session.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id));
        Assert.Equal("The job failed as a tool.", Rpc.ToolText(result, isError: true));

        JsonObject task = Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)));
        Assert.Equal(McpTaskStatuses.Failed, (string?)task["status"]);
    }

    [Fact]
    public async Task TasksList_IsPaginated_AndHoldsOnlyThisSessionsTasks()
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.PageSize = 2);
        TestSession mine = await server.InitializedSessionAsync();
        TestSession other = await server.InitializedSessionAsync();
        var created = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            created.Add((string)(await TaskHarness.LegacyTaskAsync(mine, "quick", $$"""{"text":"{{i}}"}"""))["taskId"]!);
            server.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        string foreign = (string)(await TaskHarness.LegacyTaskAsync(other, "quick", """{"text":"x"}"""))["taskId"]!;

        JsonObject first = Rpc.Result(await mine.RequestAsync(McpMethods.TasksList));
        Assert.Equal(2, first["tasks"]!.AsArray().Count);
        string cursor = (string)first["nextCursor"]!;
        JsonObject second = Rpc.Result(await mine.RequestAsync(McpMethods.TasksList, new JsonObject { ["cursor"] = cursor }.ToJsonString()));
        Assert.Null(second["nextCursor"]);

        string[] listed = [.. first["tasks"]!.AsArray().Concat(second["tasks"]!.AsArray()).Select(t => (string)t!["taskId"]!)];
        Assert.Equal(created, listed);
        Assert.DoesNotContain(foreign, listed);
        Assert.Equal([foreign], Rpc.Result(await other.RequestAsync(McpMethods.TasksList))["tasks"]!.AsArray().Select(t => (string)t!["taskId"]!));
    }

    [Fact]
    public async Task TasksList_WhenThePageAnchorExpired_StillListsTheTasksAfterIt()
    {
        // 2025-11-25: "If a task is retrievable via tasks/get for a requestor, it MUST be retrievable via tasks/list".
        // Lifetimes differ per task, so the task a cursor points after may be gone before the next page is asked for.
        await using TestServer server = TaskHarness.CreateServer(o => o.PageSize = 2);
        TestSession session = await server.InitializedSessionAsync();
        string a = (string)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"a"}""", ttl: 60_000))["taskId"]!;
        server.Time.Advance(TimeSpan.FromMilliseconds(1));
        string b = (string)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"b"}""", ttl: 1_000))["taskId"]!;
        server.Time.Advance(TimeSpan.FromMilliseconds(1));
        string c = (string)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"c"}""", ttl: 60_000))["taskId"]!;
        JsonObject first = Rpc.Result(await session.RequestAsync(McpMethods.TasksList));
        Assert.Equal([a, b], first["tasks"]!.AsArray().Select(t => (string)t!["taskId"]!));

        server.Time.Advance(TimeSpan.FromSeconds(1));
        Rpc.Error(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(b)), JsonRpcErrorCodes.InvalidParams);
        Assert.Equal(c, (string?)Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(c)))["taskId"]);
        JsonObject second = Rpc.Result(await session.RequestAsync(McpMethods.TasksList, new JsonObject { ["cursor"] = (string)first["nextCursor"]! }.ToJsonString()));

        Assert.Equal([c], second["tasks"]!.AsArray().Select(t => (string)t!["taskId"]!));
    }

    [Fact]
    public async Task TasksCancel_WorkingTask_IsCancelledBeforeTheAnswer_AndTheHandlersTokenFires()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}"""))["taskId"]!;
        TaskGate gate = server.Probe().For("a");
        await gate.Started.Task.WaitAsync(TestServer.Patience);

        JsonObject cancelled = Rpc.Result(await session.RequestAsync(McpMethods.TasksCancel, TaskHarness.TaskIdParams(id)));

        Assert.Equal(id, (string?)cancelled["taskId"]);
        Assert.Equal(McpTaskStatuses.Cancelled, (string?)cancelled["status"]);
        Assert.True(gate.TokenFired.Task.IsCompleted, "The handler's token must fire before tasks/cancel answers.");
        await gate.Cancelled.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(McpTaskStatuses.Cancelled, (string?)Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)))["status"]);
    }

    [Theory]
    [InlineData("quick", """{"text":"x"}""", McpTaskStatuses.Completed)]
    [InlineData("protocol_failure", "{}", McpTaskStatuses.Failed)]
    public async Task TasksCancel_TerminalTask_Returns32602_AndTheStatusStays(string tool, string arguments, string terminal)
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, tool, arguments))["taskId"]!;
        await TaskHarness.LegacyStatusAsync(session, id, terminal);

        Rpc.Error(await session.RequestAsync(McpMethods.TasksCancel, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);

        Assert.Equal(terminal, (string?)Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)))["status"]);
    }

    [Fact]
    public async Task TasksCancel_AlreadyCancelledTask_Returns32602()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}"""))["taskId"]!;
        Rpc.Result(await session.RequestAsync(McpMethods.TasksCancel, TaskHarness.TaskIdParams(id)));

        Rpc.Error(await session.RequestAsync(McpMethods.TasksCancel, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task CallTool_TaskAugmentedForbiddenTool_Returns32601_AndStartsNothing()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync(McpMethods.ToolsCall, """{"name":"plain","arguments":{"text":"x"},"task":{"ttl":1000}}""");

        Rpc.Error(response, JsonRpcErrorCodes.MethodNotFound);
        Assert.Empty(Rpc.Result(await session.RequestAsync(McpMethods.TasksList))["tasks"]!.AsArray());
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task CallTool_RequiredToolWithoutAugmentation_Returns32601()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync(McpMethods.ToolsCall, """{"name":"required_job","arguments":{}}""");

        Rpc.Error(response, JsonRpcErrorCodes.MethodNotFound);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task CallTool_OptionalToolWithoutAugmentation_AnswersDirectly()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Assert.Equal("quick x", Rpc.ToolText(await session.RequestAsync(McpMethods.ToolsCall, """{"name":"quick","arguments":{"text":"x"}}""")));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Theory]
    [InlineData(5_000L, 5_000L)]
    [InlineData(3_600_000L, 3_600_000L)]
    [InlineData(3_600_001L, 3_600_000L)]
    [InlineData(86_400_000L, 3_600_000L)]
    [InlineData(null, 600_000L)]
    [InlineData(0L, 600_000L)]
    public async Task CallTool_RequestedTtl_IsHonouredUpToMaxTtl(long? requested, long expected)
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.Tasks.MaxTtl = TimeSpan.FromHours(1));
        TestSession session = await server.InitializedSessionAsync();

        JsonObject created = await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"x"}""", requested);

        Assert.Equal(expected, (long)created["ttl"]!);
        Assert.Equal(expected, (long)Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams((string)created["taskId"]!)))["ttl"]!);
    }

    [Fact]
    public async Task TaskOfAnotherSession_IsUnknown_ToGetResultAndCancel()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession owner = await server.InitializedSessionAsync();
        TestSession stranger = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(owner, "gated", """{"key":"a"}"""))["taskId"]!;

        Rpc.Error(await stranger.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);
        Rpc.Error(await stranger.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);
        Rpc.Error(await stranger.RequestAsync(McpMethods.TasksCancel, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);

        Assert.Equal(McpTaskStatuses.Working, (string?)Rpc.Result(await owner.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)))["status"]);
        Assert.False(server.Probe().For("a").TokenFired.Task.IsCompleted);
        server.Probe().For("a").Gate.TrySetResult();
    }

    [Fact]
    public async Task TasksMethods_UnknownId_Return32602()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        foreach (string method in new[] { McpMethods.TasksGet, McpMethods.TasksResult, McpMethods.TasksCancel })
        {
            Rpc.Error(await session.RequestAsync(method, TaskHarness.TaskIdParams("no-such-task")), JsonRpcErrorCodes.InvalidParams);
        }
    }

    [Fact]
    public async Task TasksUpdate_IsNotALegacyMethod()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();

        Rpc.Error(await session.RequestAsync(McpMethods.TasksUpdate, """{"taskId":"x","inputResponses":{}}"""), JsonRpcErrorCodes.MethodNotFound);
    }

    [Fact]
    public async Task TaskAskingForInput_SendsItsRequestWithTheRelatedTask()
    {
        // 2025-11-25 "Input Required Status": the receiver MUST include io.modelcontextprotocol/related-task in the
        // request it sends for the task ("Associating Task-Related Messages": all requests related to a task MUST).
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"elicitation":{}}""");
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "confirm", """{"filename":"a.txt"}"""))["taskId"]!;

        JsonNode elicitation = await session.SessionSink.NextAsync();
        await session.RespondAsync(elicitation, """{"action":"accept","content":{"confirm":true}}""");
        JsonNode result = await session.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id));

        Assert.Equal(McpMethods.ElicitationCreate, (string?)elicitation["method"]);
        Assert.Equal("Deleted a.txt.", Rpc.ToolText(result));
        Assert.Equal(id, (string?)elicitation["params"]?["_meta"]?[McpMetaKeys.RelatedTask]?["taskId"]);
    }

    [Fact]
    public async Task TaskAskingForInput_IsInputRequiredWhileItWaits_ThenCompletes()
    {
        // 2025-11-25 "Input Required Status": the receiver SHOULD move the task to input_required while it needs the
        // requestor's answer, and back out of it once the answer came.
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync("""{"elicitation":{}}""");
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "confirm", """{"filename":"a.txt"}"""))["taskId"]!;
        JsonNode elicitation = await session.SessionSink.NextAsync();

        JsonObject waiting = Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)));
        await session.RespondAsync(elicitation, """{"action":"decline"}""");

        Assert.Equal("Kept a.txt.", Rpc.ToolText(await session.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id))));
        Assert.Equal(McpTaskStatuses.InputRequired, (string?)waiting["status"]);
    }

    private static DateTimeOffset ParseIso(string value)
    {
        Assert.EndsWith("Z", value, StringComparison.Ordinal);
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
