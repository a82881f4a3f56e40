using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Tasks;

/// <summary>
/// The tasks extension at the core: discovery, tasks bound to the principal that created them (and apart from
/// session tasks), and a tool that detaches as a task after gathering its input keeping its request's services.
/// The wire rules over real HTTP are in Mooring.AspNetCore.Tests/Tasks.
/// </summary>
public sealed class ModernTaskTests
{
    [Fact]
    public async Task Discover_AdvertisesTheTasksExtension_AndNoTasksCapability()
    {
        await using TestServer server = TaskHarness.CreateServer();

        JsonObject result = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.ServerDiscover)).Message);

        JsonNode capabilities = result["capabilities"]!;
        JsonAssertions.Equivalent("{}", capabilities["extensions"]![McpExtensionIds.Tasks]);
        Assert.Null(capabilities["tasks"]);
    }

    [Fact]
    public async Task Discover_WithoutTaskCapableTools_DoesNotAdvertiseTheExtension()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));

        JsonObject result = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.ServerDiscover)).Message);

        Assert.Null(result["capabilities"]!["extensions"]?[McpExtensionIds.Tasks]);
    }

    [Fact]
    public async Task Task_IsBoundToItsPrincipal_OthersAreToldItDoesNotExist()
    {
        await using TestServer server = TaskHarness.CreateServer();
        string id = await TaskHarness.ModernTaskAsync(server, "confirm", """{"filename":"a.txt"}""", principal: "alice");
        await TaskHarness.ModernStatusAsync(server, id, McpTaskStatuses.InputRequired, principal: "alice");

        foreach (string stranger in new[] { "bob", string.Empty })
        {
            Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(id), principal: stranger)).Message, JsonRpcErrorCodes.InvalidParams);
            Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksCancel, TaskHarness.TaskIdParams(id), principal: stranger)).Message, JsonRpcErrorCodes.InvalidParams);
            string update = new JsonObject { ["taskId"] = id, ["inputResponses"] = JsonNode.Parse("""{"confirm":{"action":"accept","content":{"confirm":true}}}""") }.ToJsonString();
            Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksUpdate, update, principal: stranger)).Message, JsonRpcErrorCodes.InvalidParams);
        }

        // Nothing the strangers sent reached the task.
        JsonObject task = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(id), principal: "alice")).Message);
        Assert.Equal(McpTaskStatuses.InputRequired, (string?)task["status"]);
        Assert.NotNull(task["inputRequests"]![TaskTools.ConfirmKey]);
        Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.TasksCancel, TaskHarness.TaskIdParams(id), principal: "alice")).Message);
    }

    [Fact]
    public async Task Tasks_OfSessionsAndOfModernRequests_DoNotSeeEachOther()
    {
        await using TestServer server = TaskHarness.CreateServer();
        TestSession session = await server.InitializedSessionAsync();
        string sessionTask = (string)(await TaskHarness.LegacyTaskAsync(session, "quick", """{"text":"s"}"""))["taskId"]!;
        string modernTask = await TaskHarness.ModernTaskAsync(server, "quick", """{"text":"m"}""");

        Rpc.Error(await session.RequestAsync(McpMethods.TasksGet, TaskHarness.TaskIdParams(modernTask)), JsonRpcErrorCodes.InvalidParams);
        Rpc.Error((await TaskHarness.ModernAsync(server, McpMethods.TasksGet, TaskHarness.TaskIdParams(sessionTask))).Message, JsonRpcErrorCodes.InvalidParams);
        Assert.Equal([sessionTask], Rpc.Result(await session.RequestAsync(McpMethods.TasksList))["tasks"]!.AsArray().Select(t => (string)t!["taskId"]!));
    }

    [Fact]
    public async Task CallTool_OptionalToolWithTheExtension_StartsATaskThatCompletesWithTheResult()
    {
        await using TestServer server = TaskHarness.CreateServer();

        string id = await TaskHarness.ModernTaskAsync(server, "quick", """{"text":"x"}""");
        JsonObject done = await TaskHarness.ModernStatusAsync(server, id, McpTaskStatuses.Completed);

        Assert.Equal("quick x", (string?)done["result"]!["content"]![0]!["text"]);
        Assert.Equal(McpResultTypes.Complete, (string?)done["resultType"]);
        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));
    }

    [Fact]
    public async Task DeferredTask_AfterDetaching_KeepsTheScopedServicesOfItsRequest()
    {
        // The transport disposes a request's scope once its response is written; a handler that detached as a task
        // goes on after that, so the services it was given must stay usable (StartTask gives tasks a scope of their own).
        await using TestServer server = TaskHarness.CreateServer();
        string call = """{"name":"deferred","arguments":{}}""";

        JsonObject round1 = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, call)).Message);
        Assert.Equal(McpResultTypes.InputRequired, (string?)round1["resultType"]);
        Assert.Null(round1["taskId"]);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Tasks));

        var retry = new JsonObject
        {
            ["name"] = "deferred",
            ["arguments"] = new JsonObject(),
            ["inputResponses"] = new JsonObject { [TaskTools.UserNameKey] = JsonNode.Parse("""{"action":"accept","content":{"name":"Alice"}}""") },
            ["requestState"] = (string)round1["requestState"]!,
        };
        JsonObject round2 = Rpc.Result((await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, retry.ToJsonString())).Message);
        Assert.Equal(McpResultTypes.Task, (string?)round2["resultType"]);
        string id = (string)round2["taskId"]!;
        Assert.Equal(1, server.Server.Governor.Held(McpBudget.Tasks));

        server.Probe().For("deferred").Gate.TrySetResult();
        JsonObject done = await TaskHarness.ModernStatusAsync(server, id, McpTaskStatuses.Completed);

        Assert.Equal("Hello, Alice! (scope alive)", (string?)done["result"]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task DeferredTool_WithoutTheExtensionOnARetry_IsRefusedWith32021()
    {
        await using TestServer server = TaskHarness.CreateServer();

        ModernResponse response = await TaskHarness.ModernAsync(server, McpMethods.ToolsCall, """{"name":"deferred","arguments":{}}""", TaskHarness.WithoutTasks);

        Rpc.Error(response.Message, JsonRpcErrorCodes.MissingRequiredClientCapability);
        Assert.Equal(400, response.HttpStatus);
    }
}
