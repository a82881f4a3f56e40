using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Mooring.Extensions.Skills.Tests.Infrastructure;
using Mooring.Protocol;

namespace Mooring.Extensions.Skills.Tests;

/// <summary>
/// No URI reaches outside the skills folder: requests are looked up among the URIs the catalog made, never mapped to
/// paths. A secret next to the folder, and a link to it inside a skill, must stay unreadable whatever the spelling.
/// </summary>
public sealed class McpSkillsTraversalTests : IDisposable
{
    private const string Secret = "TOP-SECRET-CONTENT";
    private readonly TempFolder _temp = new();
    private readonly string _secretPath;

    public McpSkillsTraversalTests()
    {
        _secretPath = _temp.Write("outside/secret.txt", Secret);
        _temp.Write("outside/SKILL.md", TestSkills.Markdown("outside", body: Secret));
        _temp.Write("skills/alpha/SKILL.md", TestSkills.Markdown("alpha"));
        _temp.Write("skills/alpha/references/guide.md", "guide");
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "skills", "alpha", "references", "secret.txt"), _secretPath);
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "skills", "alpha", "outside"), Path.Combine(_temp.Path, "outside"));
    }

    public static TheoryData<string> EscapingUris => new()
    {
        "skill://alpha/../outside/secret.txt",
        "skill://alpha/../../outside/secret.txt",
        "skill://alpha/references/../../../outside/secret.txt",
        "skill://alpha/%2e%2e/%2e%2e/outside/secret.txt",
        "skill://alpha/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt",
        "skill://alpha/..%5C..%5Coutside%5Csecret.txt",
        "skill://alpha/..\\..\\outside\\secret.txt",
        "skill://alpha//etc/passwd",
        "skill:///etc/passwd",
        "skill://../outside/secret.txt",
        "skill://alpha/references/secret.txt",
        "skill://alpha/outside/secret.txt",
        "skill://alpha/./references/guide.md",
        "skill://alpha/references/./guide.md",
        "skill://alpha/references/../references/guide.md",
        "skill://ALPHA/references/guide.md",
        "skill://alpha/references/guide.md/",
        "skill://alpha/references/guide.md?x=1",
        "file:///etc/passwd",
    };

    [Theory]
    [MemberData(nameof(EscapingUris))]
    public async Task ResourcesRead_UriThatIsNotACatalogFile_IsInvalidParams(string uri)
    {
        await using SkillsTestServer server = Server();

        JsonNode response = await server.RequestAsync("resources/read", new JsonObject { ["uri"] = uri });

        Rpc.Error(response, JsonRpcErrorCodes.InvalidParams);
        Assert.DoesNotContain(Secret, response.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EscapingUris))]
    public async Task DirectoryRead_UriThatIsNotACatalogFolder_IsInvalidParams(string uri)
    {
        await using SkillsTestServer server = Server();

        Rpc.Error(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = uri }), JsonRpcErrorCodes.InvalidParams);
    }

    [Theory]
    [InlineData("skill://alpha/..")]
    [InlineData("skill://alpha/references/..")]
    [InlineData("skill://alpha/../outside")]
    [InlineData("skill://alpha/outside")]
    [InlineData("skill://alpha/")]
    [InlineData("skill://")]
    [InlineData("/")]
    public async Task DirectoryRead_ParentOrLinkedFolder_IsInvalidParams(string uri)
    {
        await using SkillsTestServer server = Server();

        JsonNode response = await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = uri });

        Rpc.Error(response, JsonRpcErrorCodes.InvalidParams);
        Assert.DoesNotContain("secret", response.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skill://alpha/../outside/SKILL.md")]
    [InlineData("skill://outside/SKILL.md")]
    [InlineData("skill://alpha/outside/SKILL.md")]
    [InlineData("skill://alpha/./SKILL.md")]
    public async Task SkillsGet_UriOutsideTheCatalog_IsInvalidParams(string uri)
    {
        await using SkillsTestServer server = Server();

        Rpc.Error(await server.RequestAsync("skills/get", new JsonObject { ["uri"] = uri }), JsonRpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task Catalog_ListsNeitherTheLinkedFileNorTheLinkedFolder()
    {
        await using SkillsTestServer server = Server();

        JsonNode skill = Assert.Single(Rpc.Result(await server.RequestAsync("skills/list"))["skills"]!.AsArray())!;
        JsonArray children = Rpc.Result(await server.RequestAsync("resources/directory/read", new JsonObject { ["uri"] = "skill://alpha/references" }))["resources"]!.AsArray();

        Assert.Equal(["skill://alpha/SKILL.md", "skill://alpha/references/guide.md"], skill["resources"]!.AsArray().Select(r => (string)r!["uri"]!));
        Assert.Equal(["skill://alpha/references/guide.md"], children.Select(c => (string)c!["uri"]!));
        Rpc.Result(await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://alpha/references/guide.md" }));
    }

    [Fact]
    public async Task ResourcesRead_FileSwappedForALinkAfterLoading_IsRefused()
    {
        await using SkillsTestServer server = Server();
        string guide = Path.Combine(_temp.Path, "skills", "alpha", "references", "guide.md");
        File.Delete(guide);
        File.CreateSymbolicLink(guide, _secretPath);

        JsonNode response = await server.RequestAsync("resources/read", new JsonObject { ["uri"] = "skill://alpha/references/guide.md" });

        Rpc.Error(response, JsonRpcErrorCodes.InternalError);
        Assert.DoesNotContain(Secret, response.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning);
    }

    public void Dispose() => _temp.Dispose();

    private SkillsTestServer Server() =>
        SkillsTestServer.Create(b => Mooring.Server.McpSkillsServerBuilderExtensions.WithSkills(b, o => o.RootPath = Path.Combine(_temp.Path, "skills")));
}
