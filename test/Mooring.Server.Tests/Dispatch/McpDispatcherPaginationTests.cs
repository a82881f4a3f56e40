using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Dispatch;

public sealed class McpDispatcherPaginationTests
{
    private static TestServer CreateServer(params string[] toolNames) =>
        TestServer.Create(b =>
        {
            foreach (string name in toolNames)
            {
                b.WithTool(name, () => name);
            }
        }, o => o.PageSize = 2);

    private static async Task<(List<string> Names, string? Next)> PageAsync(TestSession session, string? cursor)
    {
        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list", cursor is null ? null : $$"""{"cursor":"{{cursor}}"}"""));
        return ([.. result["tools"]!.AsArray().Select(t => (string)t!["name"]!)], (string?)result["nextCursor"]);
    }

    [Fact]
    public async Task ToolsList_SmallPageSize_WalksAllPagesInOrder()
    {
        await using TestServer server = CreateServer("e", "c", "a", "d", "b");
        TestSession session = await server.InitializedSessionAsync();

        (List<string> first, string? c1) = await PageAsync(session, null);
        (List<string> second, string? c2) = await PageAsync(session, c1);
        (List<string> third, string? c3) = await PageAsync(session, c2);

        Assert.Equal(["a", "b"], first);
        Assert.Equal(["c", "d"], second);
        Assert.Equal(["e"], third);
        Assert.NotNull(c1);
        Assert.NotNull(c2);
        Assert.Null(c3);
    }

    [Fact]
    public async Task ToolsList_LastPageExactlyFull_HasNoNextCursor()
    {
        await using TestServer server = CreateServer("a", "b", "c", "d");
        TestSession session = await server.InitializedSessionAsync();

        (_, string? c1) = await PageAsync(session, null);
        (List<string> second, string? c2) = await PageAsync(session, c1);

        Assert.Equal(["c", "d"], second);
        Assert.Null(c2);
    }

    [Fact]
    public async Task ToolsList_WithinOnePage_HasNoNextCursor()
    {
        await using TestServer server = CreateServer("a", "b");
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list"));

        Assert.False(result.ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task ToolsList_SameCursorTwice_GivesTheSamePageAndCursor()
    {
        await using TestServer server = CreateServer("a", "b", "c", "d", "e");
        TestSession session = await server.InitializedSessionAsync();
        (_, string? c1) = await PageAsync(session, null);

        (List<string> once, string? nextOnce) = await PageAsync(session, c1);
        (List<string> twice, string? nextTwice) = await PageAsync(session, c1);

        Assert.Equal(once, twice);
        Assert.Equal(nextOnce, nextTwice);
    }

    [Fact]
    public async Task ToolsList_CursorFromAnotherSession_IsValid()
    {
        await using TestServer server = CreateServer("a", "b", "c");
        TestSession first = await server.InitializedSessionAsync();
        TestSession second = await server.InitializedSessionAsync();
        (_, string? c1) = await PageAsync(first, null);

        (List<string> page, _) = await PageAsync(second, c1);

        Assert.Equal(["c"], page);
    }

    [Fact]
    public async Task ToolsList_ItemAddedBeforeTheCursorBetweenPages_NeitherDuplicatesNorSkips()
    {
        await using TestServer server = CreateServer("b", "d", "f", "h");
        TestSession session = await server.InitializedSessionAsync();
        (List<string> first, string? c1) = await PageAsync(session, null);

        server.Server.Tools.Add(McpServerTool.Create("a", () => "a", server.Server.Options));
        (List<string> second, string? c2) = await PageAsync(session, c1);

        Assert.Equal(["b", "d"], first);
        Assert.Equal(["f", "h"], second);
        Assert.Null(c2);
    }

    [Fact]
    public async Task ToolsList_ItemAddedAfterTheCursorBetweenPages_AppearsWithoutSkippingOthers()
    {
        await using TestServer server = CreateServer("b", "d", "f", "h");
        TestSession session = await server.InitializedSessionAsync();
        (_, string? c1) = await PageAsync(session, null);

        server.Server.Tools.Add(McpServerTool.Create("e", () => "e", server.Server.Options));
        (List<string> second, string? c2) = await PageAsync(session, c1);
        (List<string> third, string? c3) = await PageAsync(session, c2);

        Assert.Equal(["e", "f"], second);
        Assert.Equal(["h"], third);
        Assert.Null(c3);
    }

    [Fact]
    public async Task ToolsList_LastItemOfAPageRemovedBetweenPages_ContinuesAfterIt()
    {
        await using TestServer server = CreateServer("a", "b", "c", "d");
        TestSession session = await server.InitializedSessionAsync();
        (_, string? c1) = await PageAsync(session, null);

        Assert.True(server.Server.Tools.Remove("b"));
        (List<string> second, _) = await PageAsync(session, c1);

        Assert.Equal(["c", "d"], second);
    }

    [Theory]
    [InlineData("!!!not-base64!!!")]
    [InlineData("a")]
    [InlineData("_w")]
    public async Task ToolsList_InvalidCursor_IsInvalidParams(string cursor)
    {
        await using TestServer server = CreateServer("a", "b", "c");
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/list", $$"""{"cursor":"{{cursor}}"}""");

        Assert.Equal("Invalid params: the cursor is not one this server issued.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Fact]
    public async Task ToolsList_OversizedCursor_IsInvalidParams()
    {
        await using TestServer server = CreateServer("a");
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/list", $$"""{"cursor":"{{new string('A', 4100)}}"}""");

        Rpc.Error(response, JsonRpcErrorCodes.InvalidParams);
    }

    [Theory]
    [InlineData("""{"cursor":5}""")]
    [InlineData("""{"cursor":{}}""")]
    public async Task ToolsList_CursorOfWrongType_IsInvalidParams(string parameters)
    {
        await using TestServer server = CreateServer("a");
        TestSession session = await server.InitializedSessionAsync();

        JsonNode response = await session.RequestAsync("tools/list", parameters);

        Assert.Equal("Invalid params for tools/list.", Rpc.Error(response, JsonRpcErrorCodes.InvalidParams));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"cursor":""}""")]
    [InlineData("""{"cursor":null}""")]
    public async Task ToolsList_NoCursor_StartsAtTheFirstPage(string parameters)
    {
        await using TestServer server = CreateServer("a", "b", "c");
        TestSession session = await server.InitializedSessionAsync();

        JsonObject result = Rpc.Result(await session.RequestAsync("tools/list", parameters));

        Assert.Equal(["a", "b"], result["tools"]!.AsArray().Select(t => (string)t!["name"]!));
    }

    [Fact]
    public async Task ResourcesAndPromptsLists_ArePaginatedTheSameWay()
    {
        await using TestServer server = TestServer.Create(typeof(McpDispatcherTests.Primitives), o => o.PageSize = 2);
        TestSession session = await server.InitializedSessionAsync();

        JsonObject resources = Rpc.Result(await session.RequestAsync("resources/list"));
        JsonObject templates = Rpc.Result(await session.RequestAsync("resources/templates/list"));
        JsonObject prompts = Rpc.Result(await session.RequestAsync("prompts/list"));
        JsonObject resources2 = Rpc.Result(await session.RequestAsync("resources/list", $$"""{"cursor":"{{(string)resources["nextCursor"]!}}"}"""));
        JsonObject templates2 = Rpc.Result(await session.RequestAsync("resources/templates/list", $$"""{"cursor":"{{(string)templates["nextCursor"]!}}"}"""));
        JsonObject prompts2 = Rpc.Result(await session.RequestAsync("prompts/list", $$"""{"cursor":"{{(string)prompts["nextCursor"]!}}"}"""));

        Assert.Equal(2, resources["resources"]!.AsArray().Count);
        Assert.Equal(["file:///readme.txt"], resources2["resources"]!.AsArray().Select(r => (string)r!["uri"]!));
        Assert.Null(resources2["nextCursor"]);
        Assert.Equal(2, templates["resourceTemplates"]!.AsArray().Count);
        Assert.Equal(2, templates2["resourceTemplates"]!.AsArray().Count);
        Assert.Null(templates2["nextCursor"]);
        Assert.Equal(["code_review", "many"], prompts["prompts"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["paint"], prompts2["prompts"]!.AsArray().Select(p => (string)p!["name"]!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void PageSize_OutOfRange_Throws(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new McpServerOptions { PageSize = size });
}
