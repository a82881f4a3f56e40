using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Dispatch;

/// <summary>Logging to the client (honouring <c>logging/setLevel</c>) and progress notifications.</summary>
public sealed class McpClientLoggerTests
{
    internal static class Tools
    {
        [McpTool]
        public static async Task<string> Chatty(McpClientLogger logger)
        {
            await logger.DebugAsync("d");
            await logger.InfoAsync("i");
            await logger.LogAsync(LoggingLevel.Notice, "n", "custom-logger");
            await logger.WarningAsync("w");
            await logger.ErrorAsync("e");
            await logger.LogAsync(LoggingLevel.Emergency, System.Text.Json.JsonDocument.Parse("""{"disk":"full"}""").RootElement);
            return "done";
        }

        [McpTool]
        public static string Progress(IProgress<ProgressNotificationValue> progress)
        {
            progress.Report(new(1, 4, "one"));
            progress.Report(new(1, 4, "one again"));
            progress.Report(new(0.5, 4, "backwards"));
            progress.Report(new(3, 4));
            return "done";
        }

        [McpTool]
        public static async Task<string> ReportDirectlyAsync(McpRequestContext context)
        {
            await context.ReportProgressAsync(10, message: "ten");
            await context.ReportProgressAsync(10);
            await context.ReportProgressAsync(20, 100);
            return "done";
        }
    }

    private static IReadOnlyList<string> Levels(CapturingSink sink) =>
        [.. sink.Notifications("notifications/message").Select(m => (string)m["params"]!["level"]!)];

    [Fact]
    public async Task ClientLogger_DefaultLevel_SendsInfoAndAbove()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        var related = new CapturingSink();

        Assert.Equal("done", Rpc.ToolText(await session.RequestAsync("tools/call", """{"name":"chatty"}""", related)));

        Assert.Equal(["info", "notice", "warning", "error", "emergency"], Levels(related));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task ClientLogger_AfterSetLevelWarning_SendsWarningAndAbove()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("logging/setLevel", """{"level":"warning"}"""));
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"chatty"}""", related);

        Assert.Equal(["warning", "error", "emergency"], Levels(related));
    }

    [Fact]
    public async Task ClientLogger_AfterSetLevelDebug_SendsEverything()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("logging/setLevel", """{"level":"debug"}"""));
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"chatty"}""", related);

        Assert.Equal(["debug", "info", "notice", "warning", "error", "emergency"], Levels(related));
    }

    [Fact]
    public async Task ClientLogger_Messages_CarryDataAndLoggerName()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"chatty"}""", related);

        IReadOnlyList<JsonNode> messages = related.Notifications("notifications/message");
        JsonAssertions.Equivalent("""{"level":"notice","logger":"custom-logger","data":"n"}""", messages[1]["params"]);
        JsonAssertions.Equivalent("""{"level":"emergency","data":{"disk":"full"}}""", messages[4]["params"]);
    }

    [Fact]
    public async Task ClientLogger_WithoutRelatedStream_UsesTheSessionStream()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("logging/setLevel", """{"level":"error"}"""));

        await session.RequestAsync("tools/call", """{"name":"chatty"}""");

        Assert.Equal(["error", "emergency"], Levels(session.SessionSink));
    }

    [Fact]
    public async Task Progress_WithToken_SendsOnlyIncreasingValues()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"progress","_meta":{"progressToken":"p-1"}}""", related);

        IReadOnlyList<JsonNode> progress = related.Notifications("notifications/progress");
        Assert.Equal(2, progress.Count);
        JsonAssertions.Equivalent("""{"progressToken":"p-1","progress":1,"total":4,"message":"one"}""", progress[0]["params"]);
        JsonAssertions.Equivalent("""{"progressToken":"p-1","progress":3,"total":4}""", progress[1]["params"]);
    }

    [Fact]
    public async Task Progress_NumericToken_IsEchoedAsANumber()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"report_directly","_meta":{"progressToken":17}}""", related);

        IReadOnlyList<JsonNode> progress = related.Notifications("notifications/progress");
        Assert.Equal(["17", "17"], progress.Select(p => p["params"]!["progressToken"]!.ToJsonString()));
        Assert.Equal([10.0, 20.0], progress.Select(p => (double)p["params"]!["progress"]!));
    }

    [Fact]
    public async Task Progress_WithoutToken_SendsNothing()
    {
        await using TestServer server = TestServer.Create(typeof(Tools));
        TestSession session = await server.InitializedSessionAsync();
        var related = new CapturingSink();

        await session.RequestAsync("tools/call", """{"name":"progress"}""", related);
        await session.RequestAsync("tools/call", """{"name":"report_directly"}""", related);

        Assert.Empty(related.Messages);
        Assert.Empty(session.SessionSink.Messages);
    }
}
