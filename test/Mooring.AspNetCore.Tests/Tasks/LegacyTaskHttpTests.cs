using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.AspNetCore.Tests.Tasks;

/// <summary>
/// 2025-11-25 tasks in a real HTTP session: a task-augmented <c>tools/call</c>
/// answering a <c>CreateTaskResult</c>, then <c>tasks/get</c>, <c>tasks/result</c> and <c>tasks/list</c> on the same
/// session, and nothing of it visible to another session. The full legacy rules are tested at the core
/// (Mooring.Server.Tests/Tasks); this proves the transport carries them.
/// </summary>
public sealed class LegacyTaskHttpTests
{
    [Fact]
    public async Task TaskAugmentedCall_InASession_RunsAsATask_VisibleOnlyToThatSession()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        using var other = new McpTestClient(server.McpEndpoint);
        await other.InitializeAsync();
        await client.InitializeAsync();

        JsonElement created = await client.CallAsync(McpMethods.ToolsCall, """{"name":"gated","arguments":{"key":"a"},"task":{"ttl":30000}}""");
        JsonElement task = created.GetProperty("task");
        string id = task.GetProperty("taskId").GetString()!;
        Assert.Equal(McpTaskStatuses.Working, task.GetProperty("status").GetString());
        Assert.Equal(30_000, task.GetProperty("ttl").GetInt64());
        await server.Probe().For("a").Started.Task.WaitAsync(ToolProbe.WaitLimit);

        Assert.Equal(McpTaskStatuses.Working, (await client.CallAsync(McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("status").GetString());
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, (await other.SendRequestAsync(McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty((await other.CallAsync(McpMethods.TasksList)).GetProperty("tasks").EnumerateArray());

        Task<JsonElement> result = client.CallAsync(McpMethods.TasksResult, TaskHttp.TaskIdParams(id));
        server.Probe().For("a").Gate.TrySetResult();
        JsonElement toolResult = await result.WaitAsync(ToolProbe.WaitLimit);

        Assert.Equal("released a", toolResult.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(id, toolResult.GetProperty("_meta").GetProperty(McpMetaKeys.RelatedTask).GetProperty("taskId").GetString());
        Assert.Equal([id], (await client.CallAsync(McpMethods.TasksList)).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));
        Assert.Equal(McpTaskStatuses.Completed, (await client.CallAsync(McpMethods.TasksGet, TaskHttp.TaskIdParams(id))).GetProperty("status").GetString());
    }
}
