using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>Assertions on modern answers: the error shape every pre-dispatch rejection must have, and the result envelope.</summary>
internal static class ModernAssert
{
    /// <summary>
    /// Asserts a JSON (never SSE) error with <paramref name="status"/> and <paramref name="code"/> that echoes the
    /// request's id; returns its <c>error</c> member.
    /// </summary>
    public static JsonElement Error(ModernAnswer answer, int status, int code, string idJson)
    {
        Assert.False(answer.IsSse, $"A rejection must be application/json: {answer.Head}");
        return JsonRpcAssert.Error(answer.Head, status, code, idJson).GetProperty("error");
    }

    /// <summary>Asserts the error of <paramref name="rejection"/> exactly as <see cref="McpRejections"/> describes it.</summary>
    public static JsonElement Rejection(ModernAnswer answer, McpRejection rejection, string idJson)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);
        return Error(answer, info.HttpStatus, info.Code, idJson);
    }

    /// <summary>A JSON-RPC error message (JSON or SSE) with <paramref name="code"/> for <paramref name="idJson"/>; returns its <c>error</c>.</summary>
    public static JsonElement ErrorResponse(ModernAnswer answer, int code, string idJson) =>
        JsonRpcAssert.ErrorMessage(answer.Response.GetRawText(), code, idJson).GetProperty("error");

    /// <summary>
    /// Asserts a modern result for <paramref name="idJson"/> (HTTP 200) with the 2026-07-28 envelope: <c>resultType</c>
    /// equal to <paramref name="resultType"/>, and the server's identity in <c>_meta</c>. Returns the result.
    /// </summary>
    public static JsonElement Result(ModernAnswer answer, string idJson, string resultType = McpResultTypes.Complete)
    {
        Assert.True(answer.Head.StatusCode == 200, $"Expected HTTP 200, got {answer.Head.StatusCode}: {answer.Head.BodyText}");
        JsonElement result = JsonRpcAssert.ResultMessage(answer.Response.GetRawText(), idJson);
        Assert.Equal(resultType, result.GetProperty("resultType").GetString());
        JsonElement serverInfo = result.GetProperty("_meta").GetProperty(McpMetaKeys.ServerInfo);
        Assert.False(string.IsNullOrEmpty(serverInfo.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(serverInfo.GetProperty("version").GetString()));
        return result;
    }

    /// <summary>Asserts the caching hints of a cacheable result: an integer <c>ttlMs</c> ≥ 0 and a known <c>cacheScope</c>.</summary>
    public static void Cacheable(JsonElement result, long? expectedTtlMs = null, string? expectedScope = null)
    {
        JsonElement ttl = result.GetProperty("ttlMs");
        Assert.Equal(JsonValueKind.Number, ttl.ValueKind);
        Assert.True(ttl.TryGetInt64(out long ms) && ms >= 0, $"ttlMs must be an integer >= 0: {ttl.GetRawText()}");
        string? scope = result.GetProperty("cacheScope").GetString();
        Assert.Contains(scope, new[] { McpCacheScopes.Private, McpCacheScopes.Public });
        if (expectedTtlMs is { } expected)
        {
            Assert.Equal(expected, ms);
        }

        if (expectedScope is not null)
        {
            Assert.Equal(expectedScope, scope);
        }
    }

    /// <summary>The text of a <c>tools/call</c> result's first content block.</summary>
    public static string ToolText(JsonElement result)
    {
        Assert.NotEqual(JsonValueKind.True, result.TryGetProperty("isError", out JsonElement isError) ? isError.ValueKind : JsonValueKind.False);
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }
}
