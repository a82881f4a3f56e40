using System.Text;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Modern;

/// <summary>
/// Caching hints on modern resource reads: a resource's own hint (<see cref="McpResourceAttribute.CacheSeconds"/>)
/// wins over <see cref="McpCachingOptions.ResourceReads"/>; lists carry <see cref="McpCachingOptions.Lists"/>.
/// </summary>
public sealed class ResourceCachingTests
{
    private const string Meta = """
        "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}
        """;

    [Fact]
    public async Task Read_ResourceWithItsOwnHint_CarriesIt()
    {
        await using TestServer server = TestServer.Create(typeof(CachedResources));

        JsonElement result = await ModernAsync(server, "resources/read", """{"uri":"test://cached",""" + Meta + "}");

        Assert.Equal(300_000, result.GetProperty("ttlMs").GetInt64());
        Assert.Equal("public", result.GetProperty("cacheScope").GetString());
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
    }

    [Fact]
    public async Task Read_ResourceWithoutAHint_CarriesTheConfiguredDefault()
    {
        await using TestServer server = TestServer.Create(
            typeof(CachedResources),
            o => o.Caching.ResourceReads = new McpCacheHint(TimeSpan.FromSeconds(7), McpCacheScopes.Private));

        JsonElement result = await ModernAsync(server, "resources/read", """{"uri":"test://plain",""" + Meta + "}");

        Assert.Equal(7_000, result.GetProperty("ttlMs").GetInt64());
        Assert.Equal("private", result.GetProperty("cacheScope").GetString());
    }

    [Fact]
    public async Task List_CarriesTheListHint_AndLegacyResultsCarryNone()
    {
        await using TestServer server = TestServer.Create(
            typeof(CachedResources),
            o => o.Caching.Lists = new McpCacheHint(TimeSpan.FromMinutes(2), McpCacheScopes.Public));

        JsonElement modern = await ModernAsync(server, "resources/list", "{" + Meta + "}");
        Assert.Equal(120_000, modern.GetProperty("ttlMs").GetInt64());
        Assert.Equal("public", modern.GetProperty("cacheScope").GetString());

        TestSession session = await server.InitializedSessionAsync("{}");
        System.Text.Json.Nodes.JsonNode legacy = await session.RequestAsync("resources/read", """{"uri":"test://cached"}""");
        System.Text.Json.Nodes.JsonNode resultNode = legacy["result"]!;
        Assert.Null(resultNode["ttlMs"]);
        Assert.Null(resultNode["cacheScope"]);
        Assert.Null(resultNode["resultType"]);
    }

    private static async Task<JsonElement> ModernAsync(TestServer server, string method, string paramsJson)
    {
        byte[] body = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{paramsJson}}}""");
        JsonRpcParseResult parsed = JsonRpcReader.Parse(body, 64);
        RequestMeta meta = JsonSerializer.Deserialize(
            """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}""",
            McpJsonContext.Default.RequestMeta)!;
        Assert.Null(server.Server.ValidateModernRequest(parsed.Message!.Id!.Value, method, meta));
        McpOutgoingMessage response = await server.Server.HandleModernAsync(parsed.Message, meta, null, server.Services, string.Empty, CancellationToken.None);
        using JsonDocument document = JsonDocument.Parse(response.ToArray());
        return document.RootElement.GetProperty("result").Clone();
    }

    internal static class CachedResources
    {
        [McpResource("test://cached", MimeType = "text/plain", CacheSeconds = 300, CachePublic = true)]
        public static string Cached() => "cached";

        [McpResource("test://plain", MimeType = "text/plain")]
        public static string Plain() => "plain";
    }
}
