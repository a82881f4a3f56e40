using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Tasks;

/// <summary>
/// How tasks end and what they hold: a task lives exactly its lifetime (one tick before, it is there; at the end, it
/// is gone, cancelled first if it still runs, and its <see cref="McpBudget.Tasks"/> lease is released), the task cap
/// refuses the next task without leaking anything, and stopping the server cancels running tasks of both eras.
/// </summary>
public sealed class TaskLifecycleTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task LegacyTask_ExpiresAtItsTtl_NotOneTickBefore()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"x"}""", ttl: 5_000))["taskId"]!;
        await TaskHarness.LegacyStatusAsync(session, id, McpTaskStatuses.Completed);

        server.Time.Advance(TimeSpan.FromMilliseconds(5_000) - OneTick);
        Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)));
        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));

        server.Time.Advance(OneTick);
        Rpc.Error(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);
        Rpc.Error(await session.RequestAsync(McpMethods.TasksResult, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);
        Assert.Empty(Rpc.Result(await session.RequestAsync(McpMethods.TasksList))["tasks"]!.AsArray());
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task LegacyTask_StillRunningAtItsTtl_IsCancelled_AndItsLeaseReleased()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string id = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}""", ttl: 2_000))["taskId"]!;
        TaskGate gate = server.Probe().For("a");
        await gate.Started.Task.WaitAsync(TestServer.Patience);
        Task<JsonNode?> waiting = session.StartRequest(McpMethods.TasksResult, TaskHarness.TaskIdParams(id));

        server.Time.Advance(TimeSpan.FromMilliseconds(2_000) - OneTick);
        Assert.False(gate.TokenFired.Task.IsCompleted);

        server.Time.Advance(OneTick);
        Assert.True(gate.TokenFired.Task.IsCompleted, "The expiry must cancel the running handler.");
        await gate.Cancelled.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
        Rpc.Error(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(id)), JsonRpcErrorCodes.InvalidParams);

        // A tasks/result that was blocked on the task is not left hanging.
        JsonNode blocked = (await waiting.WaitAsync(TestServer.Patience))!;
        Assert.NotNull(blocked["error"]);
    }

    [Fact]
    public async Task ModernTask_ExpiresAtTheDefaultTtl_CancelledIfRunning_AndItsLeaseReleased()
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.Tasks.DefaultTtl = TimeSpan.FromSeconds(30));
        string running = await TaskHarness.ModernTaskAsync(server, "gated", """{"key":"a"}""");
        string done = await TaskHarness.ModernTaskAsync(server, "quick", """{"text":"x"}""");
        JsonObject created = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(running))).Message);
        Assert.Equal(30_000, (long)created["ttlMs"]!);
        TaskGate gate = server.Probe().For("a");
        await gate.Started.Task.WaitAsync(TestServer.Patience);
        await TaskHarness.ModernStatusAsync(server, done, McpTaskStatuses.Completed);
        Assert.Equal(2, server.Server.Governor.Held(McpBudget.Tasks));

        server.Time.Advance(TimeSpan.FromSeconds(30) - OneTick);
        Assert.Equal(McpTaskStatuses.Working, (string?)Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(running))).Message)["status"]);
        Assert.Equal(McpTaskStatuses.Completed, (string?)Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(done))).Message)["status"]);

        server.Time.Advance(OneTick);
        Assert.True(gate.TokenFired.Task.IsCompleted, "The expiry must cancel the running handler.");
        await gate.Cancelled.Task.WaitAsync(TestServer.Patience);
        foreach (string id in new[] { running, done })
        {
            Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(id))).Message, JsonRpcErrorCodes.InvalidParams);
        }

        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task ModernTask_WaitingForInputAtItsTtl_IsCancelledAndRemoved()
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.Tasks.DefaultTtl = TimeSpan.FromSeconds(5));
        string id = await TaskHarness.ModernTaskAsync(server, "confirm", """{"filename":"a.txt"}""");
        await TaskHarness.ModernStatusAsync(server, id, McpTaskStatuses.InputRequired);

        server.Time.Advance(TimeSpan.FromSeconds(5));

        Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(id))).Message, JsonRpcErrorCodes.InvalidParams);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }

    [Fact]
    public async Task LegacyTaskCap_Reached_RefusesTheNextTaskAsServerBusy_AndNothingLeaks()
    {
        await using TestServer server = TaskHarness.CreateServer(o => o.Limits.MaxTasks = 2);
        TestSession session = await server.InitializedSessionAsync();
        await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"a"}""", ttl: 10_000);
        await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"b"}""", ttl: 10_000);

        JsonNode refused = await session.RequestAsync(McpMethods.ToolsCall, """{"name":"gated","arguments":{"key":"c"},"task":{"ttl":10000}}""");

        Assert.Equal("Server busy: the task limit is reached; retry later.", Rpc.Error(refused, JsonRpcErrorCodes.ServerError));
        Assert.Equal(2, server.Server.Governor.Held(McpBudget.Tasks));
        Assert.Equal(2, Rpc.Result(await session.RequestAsync(McpMethods.TasksList))["tasks"]!.AsArray().Count);
        await Task.Delay(50);
        Assert.False(server.Probe().For("c").Started.Task.IsCompleted, "A refused task must not run.");
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));

        // A plain call still answers, and the cap frees when the tasks' lifetime ends.
        Assert.Equal("quick y", Rpc.ToolText(await session.RequestAsync(McpMethods.ToolsCall, """{"name":"quick","arguments":{"text":"y"}}""")));
        server.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
        Assert.Equal(McpTaskStatuses.Working, (string?)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"z"}"""))["status"]);
    }

    [Fact]
    public async Task ModernTaskCap_Reached_RefusesTheNextTaskWith503_AndNothingLeaks()
    {
        await using TestServer server = TaskHarness.CreateServer(o =>
        {
            o.Limits.MaxTasks = 1;
            o.Tasks.DefaultTtl = TimeSpan.FromSeconds(10);
        });
        await TaskHarness.ModernTaskAsync(server, "gated", """{"key":"a"}""");

        ModernResponse refused = await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, """{"name":"gated","arguments":{"key":"b"}}""");

        Assert.Equal(503, refused.HttpStatus);
        Rpc.Error(refused.Message, JsonRpcErrorCodes.ServerError);
        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));
        await Task.Delay(50);
        Assert.False(server.Probe().For("b").Started.Task.IsCompleted, "A refused task must not run.");

        server.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
        await TaskHarness.ModernTaskAsync(server, "quick", """{"text":"again"}""");
    }

    [Fact]
    public async Task DeferredTool_DetachingAtTheTaskCap_IsRefusedAsServerBusy_NotAToolResult()
    {
        // DetachAsTaskAsync throws McpException("Server busy…", ServerError) at the cap, meaning a JSON-RPC error like
        // StartTask's ServerBusy refusal; it must not reach the client as a successful tool result with isError.
        await using TestServer server = TaskHarness.CreateServer(o => o.Limits.MaxTasks = 1);
        await TaskHarness.ModernTaskAsync(server, "gated", """{"key":"a"}""");
        JsonObject round1 = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, """{"name":"deferred","arguments":{}}""")).Message);
        var retry = new JsonObject
        {
            ["name"] = "deferred",
            ["arguments"] = new JsonObject(),
            ["inputResponses"] = new JsonObject { [TaskTools.UserNameKey] = JsonNode.Parse("""{"action":"accept","content":{"name":"Alice"}}""") },
            ["requestState"] = (string)round1["requestState"]!,
        };

        ModernResponse refused = await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, retry.ToJsonString());

        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));
        Assert.False(server.Probe().For("deferred").Started.Task.IsCompleted, "A refused task must not run.");
        Rpc.Error(refused.Message, JsonRpcErrorCodes.ServerError);
        Assert.Equal(503, refused.HttpStatus);
    }

    [Fact]
    public async Task CancelStatelessRequests_CancelsTheRunningTasksOfBothEras()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string legacy = (string)(await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"legacy"}"""))["taskId"]!;
        string modern = await TaskHarness.ModernTaskAsync(server, "gated", """{"key":"modern"}""");
        string finished = await TaskHarness.ModernTaskAsync(server, "quick", """{"text":"x"}""");
        await server.Probe().For("legacy").Started.Task.WaitAsync(TestServer.Patience);
        await server.Probe().For("modern").Started.Task.WaitAsync(TestServer.Patience);
        await TaskHarness.ModernStatusAsync(server, finished, McpTaskStatuses.Completed);

        server.Server.CancelStatelessRequests();

        await server.Probe().For("legacy").Cancelled.Task.WaitAsync(TestServer.Patience);
        await server.Probe().For("modern").Cancelled.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(McpTaskStatuses.Cancelled, (string?)Rpc.Result(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(legacy)))["status"]);
        Assert.Equal(McpTaskStatuses.Cancelled, (string?)Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(modern))).Message)["status"]);

        // A task that had finished keeps its outcome.
        Assert.Equal(McpTaskStatuses.Completed, (string?)Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(finished))).Message)["status"]);
    }

    [Fact]
    public async Task SessionEnd_RemovesItsTasks_CancellingTheRunningOnes_AndReleasesTheirLeases()
    {
        // Nobody can reach a session's tasks once the session is gone: they go with it instead of running to their TTL.
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        _ = await TaskHarness.LegacyTaskAsync(session, "gated", """{"key":"orphan"}""");
        await server.Probe().For("orphan").Started.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));

        await session.Session.EndAsync(McpEndReason.Deleted);

        await server.Probe().For("orphan").Cancelled.Task.WaitAsync(TestServer.Patience);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));
    }
}
