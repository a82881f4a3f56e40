using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Mooring.Extensions.Skills.Tests.Infrastructure;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills.Tests;

/// <summary>The extension end to end through a real server, on the modern (2026-07-28) path.</summary>
public sealed class McpSkillsExtensionTests
{
    [Fact]
    public async Task Discover_AdvertisesTheExtensionInlineWithDirectoryReadAndResources()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject capabilities = Rpc.Result(await server.RequestAsync("server/discover"))["capabilities"]!.AsObject();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"directoryRead":true}"""), capabilities["extensions"]!["io.modelcontextprotocol/skills"]));
        Assert.IsType<JsonObject>(capabilities["resources"]);
    }

    [Fact]
    public async Task SkillsList_OnePage_CarriesEveryEntryWithItsManifestAndCacheHints()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject result = Rpc.Result(await server.RequestAsync("skills/list"));

        Assert.Equal("complete", (string?)result["resultType"]);
        Assert.Equal(300_000, (long)result["ttlMs"]!);
        Assert.Equal("public", (string?)result["cacheScope"]);
        Assert.Null(result["nextCursor"]);
        JsonArray skills = result["skills"]!.AsArray();
        Assert.Equal(["skill://alpha/SKILL.md", "skill://beta/SKILL.md", "skill://gamma/SKILL.md"], skills.Select(s => (string)s!["uri"]!));
        JsonNode alpha = skills[0]!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"alpha","description":"Handles alpha requests. Use when alpha is mentioned.","license":"MIT","metadata":{"author":"tests","version":"2.1"}}"""),
            alpha["frontmatter"]));
        JsonArray files = alpha["resources"]!.AsArray();
        Assert.Equal(
            ["skill://alpha/SKILL.md", "skill://alpha/assets/logo.png", "skill://alpha/references/guide.md", "skill://alpha/scripts/run.py", "skill://alpha/templates/invoice.md", "skill://alpha/templates/regional/eu.md"],
            files.Select(f => (string)f!["uri"]!));
        byte[] manifest = Encoding.UTF8.GetBytes(SampleSkills.Alpha);
        Assert.Equal(TestSkills.Digest(manifest), (string?)files[0]!["digest"]);
        Assert.Equal(manifest.Length, (long)files[0]!["size"]!);
        Assert.Equal(TestSkills.Digest(SampleSkills.Logo), (string?)files[1]!["digest"]);
        Assert.Equal(SampleSkills.Logo.Length, (long)files[1]!["size"]!);
    }

    [Fact]
    public async Task SkillsList_PageSizeOne_CursorsVisitEveryEntryOnceAndEnd()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.PageSize = 1);

        List<string> seen = [];
        string? cursor = null;
        int pages = 0;
        do
        {
            JsonObject result = Rpc.Result(await server.RequestAsync("skills/list", cursor is null ? null : new JsonObject { ["cursor"] = cursor }));
            seen.AddRange(result["skills"]!.AsArray().Select(s => (string)s!["uri"]!));
            cursor = (string?)result["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["skill://alpha/SKILL.md", "skill://beta/SKILL.md", "skill://gamma/SKILL.md"], seen);
    }

    [Fact]
    public async Task SkillsList_ServerPageSize_IsTheDefault()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(b => b.WithSkills(SampleSkills.Provider()), o => o.PageSize = 2);

        JsonObject result = Rpc.Result(await server.RequestAsync("skills/list"));

        Assert.Equal(2, result["skills"]!.AsArray().Count);
        Assert.NotNull(result["nextCursor"]);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("_w")]
    public async Task SkillsList_CursorTheServerDidNotIssue_IsInvalidParams(string cursor)
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject error = Rpc.Error(await server.RequestAsync("skills/list", new JsonObject { ["cursor"] = cursor }), JsonRpcErrorCodes.InvalidParams);

        Assert.Contains("cursor", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkillsGet_ListedUri_ReturnsTheSameEntryWithCacheHintsAndNoCursor()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());
        JsonNode listed = Rpc.Result(await server.RequestAsync("skills/list"))["skills"]![2]!;

        JsonObject result = Rpc.Result(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = "skill://gamma/SKILL.md" }));

        Assert.True(JsonNode.DeepEquals(listed, result["skill"]));
        Assert.Equal("complete", (string?)result["resultType"]);
        Assert.Equal(300_000, (long)result["ttlMs"]!);
        Assert.Equal("public", (string?)result["cacheScope"]);
        Assert.False(result.ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task SkillsGet_UnknownUri_IsInvalidParamsNamingTheUri()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());
        const string uri = "skill://mcp-conformance-nonexistent-skill-9f3a2b/SKILL.md";

        JsonObject error = Rpc.Error(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = uri }), JsonRpcErrorCodes.InvalidParams);

        Assert.Equal(uri, (string?)error["data"]!["uri"]);
        Assert.Contains(uri, (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skill://alpha")]
    [InlineData("skill://alpha/references/guide.md")]
    [InlineData("skill://alpha/SKILL.md/")]
    public async Task SkillsGet_UriThatIsNotASkillMd_IsInvalidParams(string uri)
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        Rpc.Error(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = uri }), JsonRpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task SkillsGet_WithoutUri_IsInvalidParams()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        Rpc.Error(await server.RequestAsync("skills/get"), JsonRpcErrorCodes.InvalidParams);
        Rpc.Error(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = null }), JsonRpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task ResourcesList_ListsEachSkillMdNamedAndDescribedByItsFrontmatter()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonArray resources = Rpc.Result(await server.RequestAsync("resources/list"))["resources"]!.AsArray();
        JsonArray templates = Rpc.Result(await server.RequestAsync("resources/templates/list"))["resourceTemplates"]!.AsArray();

        JsonNode gamma = Assert.Single(resources, r => (string?)r!["uri"] == "skill://gamma/SKILL.md")!;
        Assert.Equal("gamma", (string?)gamma["name"]);
        Assert.Equal("Café notes, in UTF-8.", (string?)gamma["description"]);
        Assert.Equal("text/markdown", (string?)gamma["mimeType"]);
        Assert.Equal(3, resources.Count);
        Assert.Equal("skill://{+path}", (string?)Assert.Single(templates)!["uriTemplate"]);
    }

    [Fact]
    public async Task ResourcesRead_SkillMd_ReturnsTextWhoseBytesMatchTheListedDigest()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonObject result = Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://alpha/SKILL.md" }));

        JsonNode contents = Assert.Single(result["contents"]!.AsArray())!;
        Assert.Equal("skill://alpha/SKILL.md", (string?)contents["uri"]);
        Assert.Equal("text/markdown", (string?)contents["mimeType"]);
        Assert.Equal(SampleSkills.Alpha, (string?)contents["text"]);
        Assert.Equal(300_000, (long)result["ttlMs"]!);
        Assert.Equal("public", (string?)result["cacheScope"]);
    }

    [Fact]
    public async Task ResourcesRead_SupportingFiles_AreTextOrBase64ByTheirType()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider());

        JsonNode script = Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://alpha/scripts/run.py" }))["contents"]![0]!;
        JsonNode logo = Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://alpha/assets/logo.png" }))["contents"]![0]!;
        JsonNode notes = Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://gamma/notes.txt" }))["contents"]![0]!;

        Assert.Equal("print('hi')\n", (string?)script["text"]);
        Assert.Equal("text/x-python", (string?)script["mimeType"]);
        Assert.Equal(Convert.ToBase64String(SampleSkills.Logo), (string?)logo["blob"]);
        Assert.Equal("image/png", (string?)logo["mimeType"]);
        Assert.Null(logo["text"]);
        Assert.Equal("déjà vu\n", (string?)notes["text"]);
    }

    [Fact]
    public async Task ResourcesRead_BytesThatNoLongerMatchTheDigest_AreRefusedWithAWarning()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(new TamperingProvider(SampleSkills.Provider()));

        JsonObject error = Rpc.Error(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://beta/SKILL.md" }), JsonRpcErrorCodes.InternalError);

        Assert.Contains("no longer matches its listed digest", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 2647);
    }

    [Fact]
    public async Task DirectoryReadOff_IsNotAdvertisedAndTheMethodIsUnknown()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.DirectoryRead = false);

        JsonNode settings = Rpc.Result(await server.RequestAsync("server/discover"))["capabilities"]!["extensions"]!["io.modelcontextprotocol/skills"]!;

        Assert.True(JsonNode.DeepEquals(new JsonObject(), settings));
        Rpc.Error(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://alpha" }), JsonRpcErrorCodes.MethodNotFound);
        Rpc.Result(await server.RequestAsync("skills/list"));
    }

    [Fact]
    public async Task Disabled_AdvertisesNothingServesNoMethodAndAddsNoResources()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.Enabled = false);

        JsonObject capabilities = Rpc.Result(await server.RequestAsync("server/discover"))["capabilities"]!.AsObject();

        Assert.Null(capabilities["extensions"]?["io.modelcontextprotocol/skills"]);
        Rpc.Error(await server.RequestAsync("skills/list"), JsonRpcErrorCodes.MethodNotFound);
        Rpc.Error(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = "skill://alpha/SKILL.md" }), JsonRpcErrorCodes.MethodNotFound);
        Assert.Empty(Rpc.Result(await server.RequestAsync("resources/list"))["resources"]!.AsArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Legacy_AdvertisesToSessionsOnlyWhenAskedFor(bool legacy)
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.Legacy = legacy);

        Assert.Equal(legacy, server.Server.Capabilities.Extensions?.ContainsKey(McpExtensionIds.Skills) ?? false);
        Assert.True(server.Server.ModernCapabilities.Extensions!.ContainsKey(McpExtensionIds.Skills));
    }

    [Fact]
    public async Task WithSkillsTwice_RegistersTheExtensionOnce()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(b => b.WithSkills(new InMemorySkillProvider()).WithSkills(SampleSkills.Provider()));

        Assert.Single(server.Server.Extensions);
        Assert.Equal(3, server.Extension.Skills.Count);
    }

    [Fact]
    public async Task Authority_PrefixesEveryUriAndItsFolderListsTheSkills()
    {
        await using SkillsTestServer server = SkillsTestServer.Create(SampleSkills.Provider(), o => o.Authority = "acme.example");

        JsonArray skills = Rpc.Result(await server.RequestAsync("skills/list"))["skills"]!.AsArray();
        JsonArray children = Rpc.Result(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://acme.example" }))["resources"]!.AsArray();
        JsonArray templates = Rpc.Result(await server.RequestAsync("resources/templates/list"))["resourceTemplates"]!.AsArray();

        Assert.Equal("skill://acme.example/alpha/SKILL.md", (string?)skills[0]!["uri"]);
        Assert.Equal("skill://acme.example/alpha/references/guide.md", (string?)skills[0]!["resources"]![2]!["uri"]);
        Assert.Equal(["skill://acme.example/alpha", "skill://acme.example/beta", "skill://acme.example/gamma"], children.Select(c => (string)c!["uri"]!));
        Assert.All(children, c => Assert.Equal("inode/directory", (string?)c!["mimeType"]));
        Assert.Equal("skill://acme.example/{+path}", (string?)templates[0]!["uriTemplate"]);
        Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://acme.example/alpha/templates/regional/eu.md" }));
    }

    /// <summary>Hands out other bytes than it described, as a provider whose source changed would.</summary>
    private sealed class TamperingProvider(McpSkillProvider inner) : McpSkillProvider
    {
        public override IReadOnlyList<McpSkillDefinition> LoadSkills() => inner.LoadSkills();

        public override async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(McpSkillDefinition skill, McpSkillFile file, CancellationToken cancellationToken)
        {
            byte[] content = (await inner.ReadAsync(skill, file, cancellationToken))!.Value.ToArray();
            content[^1] ^= 0x20;
            return content;
        }
    }
}
