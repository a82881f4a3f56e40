using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Tasks;

/// <summary>
/// Tasks at the server's limits over real HTTP: the task cap refuses the next task with a clear 503 (with the id and
/// <c>Retry-After</c>) and leaks nothing, and a drain cancels the tasks still running.
/// </summary>
public sealed class TaskCapacityHttpTests
{
    [Fact]
    public async Task CallTool_OverTheTaskCap_Returns503WithTheId_AndNothingLeaks()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync(o => o.ConfigureServer = s => s.Limits.MaxTasks = 1);
        string first = await TaskHttp.StartTaskAsync(server, "gated", """{"key":"a"}""");
        await server.Probe().For("a").Started.Task.WaitAsync(ToolProbe.WaitLimit);

        RawHttpResponse refused = await TaskHttp.SendAsync(server, "\"two\"", McpMethods.ToolsCall, TaskHttp.CallParams("gated", """{"key":"b"}"""));

        JsonRpcAssert.Rejection(refused, McpRejection.ServerBusy, "\"two\"");
        Assert.Equal("1", refused.Header("Retry-After"));
        Assert.Equal(1, server.McpServer.Governor.Held(McpBudget.Tasks));
        await Eventually.TrueAsync(() => server.McpServer.Governor.Held(McpBudget.Handlers) == 0, "the refused request's handler lease to end");
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.PostStreams));
        Assert.False(server.Probe().For("b").Started.Task.IsCompleted, "A refused task must not run.");

        // Synchronous calls are not held back by the task cap, and the first task is unharmed.
        Assert.Equal("quick x", (await TaskHttp.ResultAsync(server, McpMethods.ToolsCall, TaskHttp.CallParams("quick", """{"text":"x"}"""), TaskHttp.WithoutTasks)).GetProperty("content")[0].GetProperty("text").GetString());
        server.Probe().For("a").Gate.TrySetResult();
        await TaskHttp.StatusAsync(server, first, McpTaskStatuses.Completed);
    }

    [Fact]
    public async Task Drain_CancelsRunningTasks_AndTheirHandlersSeeTheirTokenFire()
    {
        await using KestrelTestServer server = await TaskHttp.StartAsync(o => o.ConfigureHttp = h => h.DrainTimeout = TimeSpan.FromMilliseconds(200));
        await TaskHttp.StartTaskAsync(server, "gated", """{"key":"a"}""");
        string waiting = await TaskHttp.StartTaskAsync(server, "confirm", """{"filename":"a.txt"}""");
        await server.Probe().For("a").Started.Task.WaitAsync(ToolProbe.WaitLimit);
        await TaskHttp.StatusAsync(server, waiting, McpTaskStatuses.InputRequired);

        await server.Services.GetRequiredService<McpHttpSessionManager>().BeginDrain().WaitAsync(ToolProbe.WaitLimit);

        await server.Probe().For("a").TokenFired.Task.WaitAsync(ToolProbe.WaitLimit);
        await server.Probe().For("a").Cancelled.Task.WaitAsync(ToolProbe.WaitLimit);
        JsonRpcAssert.Rejection(await TaskHttp.SendAsync(server, "9", McpMethods.TasksGet, TaskHttp.TaskIdParams(waiting)), McpRejection.Draining, "9");
        Assert.Equal(0, server.McpServer.Governor.Held(McpBudget.Handlers));
    }
}
