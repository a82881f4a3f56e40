using System.Text.Json.Nodes;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests;

/// <summary>Run-time changes to the primitive collections and resource-update fan-out.</summary>
public sealed class McpServerTests
{
    internal static class Resources
    {
        [McpResource("file:///fixed.txt")]
        public static string Fixed() => "fixed";

        [McpPrompt]
        public static string Greeting() => "hi";
    }

    private static McpServerTool Tool(TestServer server, string name) => McpServerTool.Create(name, () => name, server.Server.Options);

    [Fact]
    public async Task ToolsAdd_AtRunTime_NotifiesInitializedSessionsOnly()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession initialized = await server.InitializedSessionAsync();
        TestSession answeredOnly = server.CreateSession();
        await answeredOnly.InitializeAsync();
        TestSession fresh = server.CreateSession();

        server.Server.Tools.Add(Tool(server, "added"));

        JsonNode notification = Assert.Single(initialized.SessionSink.Messages);
        JsonAssertions.Equivalent("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}""", notification);
        Assert.Single(answeredOnly.SessionSink.Notifications("notifications/tools/list_changed"));
        Assert.Empty(fresh.SessionSink.Messages);
        JsonObject list = Rpc.Result(await initialized.RequestAsync("tools/list"));
        Assert.Contains("added", list["tools"]!.AsArray().Select(t => (string?)t!["name"]));
    }

    [Fact]
    public async Task ToolsRemove_Existing_NotifiesAndTheToolIsGone()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        Assert.True(server.Server.Tools.Remove("echo"));

        Assert.Single(session.SessionSink.Notifications("notifications/tools/list_changed"));
        Rpc.Error(await session.RequestAsync("tools/call", """{"name":"echo","arguments":{"text":"x"}}"""), Mooring.Protocol.JsonRpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task ToolsRemove_Unknown_SendsNothing()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        Assert.False(server.Server.Tools.Remove("nope"));

        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task ToolsSet_ReplacingATool_NotifiesOnce()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        server.Server.Tools.Set(McpServerTool.Create("echo", (string text) => text.ToUpperInvariant(), server.Server.Options));

        Assert.Single(session.SessionSink.Notifications("notifications/tools/list_changed"));
        Assert.Equal("HI", Rpc.ToolText(await session.RequestAsync("tools/call", """{"name":"echo","arguments":{"text":"hi"}}""")));
    }

    [Fact]
    public async Task ToolsAdd_DuplicateName_ThrowsAndSendsNothing()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();

        Assert.Throws<InvalidOperationException>(() => server.Server.Tools.Add(Tool(server, "echo")));

        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task ToolsAdd_SessionWithoutStream_IsSkippedWithoutError()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession withoutStream = await server.InitializedSessionAsync();
        withoutStream.Session.SessionSink = null;
        TestSession withStream = await server.InitializedSessionAsync();

        server.Server.Tools.Add(Tool(server, "added"));

        Assert.Single(withStream.SessionSink.Messages);
        Assert.Empty(withoutStream.SessionSink.Messages);
    }

    [Fact]
    public async Task PromptsAndResourcesChanges_SendTheirOwnListChanged()
    {
        await using TestServer server = TestServer.Create(typeof(Resources));
        TestSession session = await server.InitializedSessionAsync();

        Assert.True(server.Server.Prompts.Remove("greeting"));
        Assert.True(server.Server.Resources.Remove("file:///fixed.txt"));

        Assert.Equal(
            ["notifications/prompts/list_changed", "notifications/resources/list_changed"],
            session.SessionSink.Messages.Select(m => (string?)m["method"]));
    }

    [Fact]
    public async Task NotifyResourceUpdated_ReachesSubscribedSessionsOnly()
    {
        await using TestServer server = TestServer.Create(typeof(Resources));
        TestSession subscribed = await server.InitializedSessionAsync();
        TestSession other = await server.InitializedSessionAsync();
        TestSession otherUri = await server.InitializedSessionAsync();
        Rpc.Result(await subscribed.RequestAsync("resources/subscribe", """{"uri":"file:///fixed.txt"}"""));
        Rpc.Result(await otherUri.RequestAsync("resources/subscribe", """{"uri":"file:///other.txt"}"""));

        int reached = server.Server.NotifyResourceUpdated("file:///fixed.txt");

        Assert.Equal(1, reached);
        JsonNode notification = Assert.Single(subscribed.SessionSink.Messages);
        JsonAssertions.Equivalent("""{"jsonrpc":"2.0","method":"notifications/resources/updated","params":{"uri":"file:///fixed.txt"}}""", notification);
        Assert.Empty(other.SessionSink.Messages);
        Assert.Empty(otherUri.SessionSink.Messages);
    }

    [Fact]
    public async Task NotifyResourceUpdated_AfterUnsubscribe_ReachesNobody()
    {
        await using TestServer server = TestServer.Create(typeof(Resources));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("resources/subscribe", """{"uri":"file:///fixed.txt"}"""));
        Rpc.Result(await session.RequestAsync("resources/unsubscribe", """{"uri":"file:///fixed.txt"}"""));

        Assert.Equal(0, server.Server.NotifyResourceUpdated("file:///fixed.txt"));
        Assert.Empty(session.SessionSink.Messages);
    }

    [Fact]
    public async Task NotifyResourceUpdated_SubscribedSessionWithoutStream_IsNotCounted()
    {
        await using TestServer server = TestServer.Create(typeof(Resources));
        TestSession session = await server.InitializedSessionAsync();
        Rpc.Result(await session.RequestAsync("resources/subscribe", """{"uri":"file:///fixed.txt"}"""));
        session.Session.SessionSink = null;

        Assert.Equal(0, server.Server.NotifyResourceUpdated("file:///fixed.txt"));
    }

    [Fact]
    public async Task Sessions_ListsLiveSessions()
    {
        await using TestServer server = TestServer.Create(typeof(Resources));
        TestSession a = server.CreateSession("a");
        TestSession b = server.CreateSession("b");

        Assert.Equal(["a", "b"], server.Server.Sessions.Select(s => s.Id).Order());
        Assert.True(server.Server.TryGetSession("a", out McpSession? found));
        Assert.Same(a.Session, found);
        await b.Session.DisposeAsync();
        Assert.Equal(["a"], server.Server.Sessions.Select(s => s.Id));
    }
}
