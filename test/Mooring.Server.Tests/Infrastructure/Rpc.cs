using System.Text.Json.Nodes;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>Assertions on JSON-RPC responses as they appear on the wire.</summary>
internal static class Rpc
{
    /// <summary>Asserts a result response and returns its result object.</summary>
    public static JsonObject Result(JsonNode response)
    {
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.True(response["error"] is null, $"Expected a result, got {response.ToJsonString()}");
        return Assert.IsType<JsonObject>(response["result"]);
    }

    /// <summary>Asserts an error response with <paramref name="code"/> and returns its message.</summary>
    public static string Error(JsonNode response, int code)
    {
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.True(response["result"] is null, $"Expected an error, got {response.ToJsonString()}");
        Assert.Equal(code, (int)response["error"]!["code"]!);
        return (string)response["error"]!["message"]!;
    }

    /// <summary>The texts of a content array.</summary>
    public static IReadOnlyList<string> Texts(JsonNode result) =>
        [.. result["content"]!.AsArray().Select(c => (string)c!["text"]!)];

    /// <summary>A tool result's single text, asserting it is (or is not) an error result.</summary>
    public static string ToolText(JsonNode response, bool isError = false)
    {
        JsonObject result = Result(response);
        Assert.Equal(isError, (bool?)result["isError"] ?? false);
        return Assert.Single(Texts(result));
    }
}
