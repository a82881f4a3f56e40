using System.Text.Json.Nodes;
using Mooring.Extensions.Skills.Tests.Infrastructure;
using Mooring.Protocol;

namespace Mooring.Extensions.Skills.Tests;

public sealed class McpSkillsDirectoryReadTests
{
    [Fact]
    public async Task DirectoryRead_SkillFolder_ListsItsDirectChildrenWithTypes()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject result = Rpc.Result(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://alpha" }));

        Assert.Equal("complete", (string?)result["resultType"]);
        Assert.Null(result["nextCursor"]);
        Assert.Null(result["ttlMs"]);
        JsonArray children = result["resources"]!.AsArray();
        Assert.Equal(
            [
                ("skill://alpha/SKILL.md", "alpha", "text/markdown"),
                ("skill://alpha/assets", "assets", "inode/directory"),
                ("skill://alpha/references", "references", "inode/directory"),
                ("skill://alpha/scripts", "scripts", "inode/directory"),
                ("skill://alpha/templates", "templates", "inode/directory"),
            ],
            children.Select(c => ((string)c!["uri"]!, (string)c["name"]!, (string)c["mimeType"]!)));
        Assert.Equal("Handles alpha requests. Use when alpha is mentioned.", (string?)children[0]!["description"]);
    }

    [Fact]
    public async Task DirectoryRead_Subfolders_ListFilesAndFoldersOneLevelDeep()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonArray templates = Rpc.Result(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://alpha/templates" }))["resources"]!.AsArray();
        JsonArray regional = Rpc.Result(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://alpha/templates/regional" }))["resources"]!.AsArray();

        Assert.Equal(["skill://alpha/templates/invoice.md", "skill://alpha/templates/regional"], templates.Select(c => (string)c!["uri"]!));
        Assert.Equal("text/markdown", (string?)templates[0]!["mimeType"]);
        Assert.Equal(19, (long)templates[0]!["size"]!);
        Assert.Equal("inode/directory", (string?)templates[1]!["mimeType"]);
        JsonNode eu = Assert.Single(regional)!;
        Assert.Equal("eu.md", (string?)eu["name"]);
    }

    [Fact]
    public async Task DirectoryRead_SmallPages_CursorsWalkEveryChildOnce()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.PageSize = 2);

        List<string> seen = [];
        string? cursor = null;
        int pages = 0;
        do
        {
            var request = new JsonObject { ["uri"] = "skill://alpha" };
            if (cursor is not null)
            {
                request["cursor"] = cursor;
            }

            JsonObject result = Rpc.Result(await server.RequestAsync("resources/directory/read", request));
            seen.AddRange(result["resources"]!.AsArray().Select(c => (string)c!["uri"]!));
            cursor = (string?)result["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Theory]
    [InlineData("skill://alpha/SKILL.md", "is not a directory resource")]
    [InlineData("skill://alpha/templates/invoice.md", "is not a directory resource")]
    [InlineData("skill://alpha/missing", "No directory is served")]
    [InlineData("skill://nobody", "No directory is served")]
    [InlineData("file:///etc", "No directory is served")]
    public async Task DirectoryRead_FileOrUnknownUri_IsInvalidParams(string uri, string message)
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject error = Rpc.Error(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = uri }), JsonRpcErrorCodes.InvalidParams);

        Assert.Contains(message, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(uri, (string?)error["data"]!["uri"]);
    }

    [Fact]
    public async Task DirectoryRead_WithoutAuthority_HasNoNamespaceFolder()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        Rpc.Error(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://" }), JsonRpcErrorCodes.InvalidParams);
    }
}
