using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills.Tests.Infrastructure;

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

    /// <summary>Asserts an error response with <paramref name="code"/> and returns the error object.</summary>
    public static JsonObject Error(JsonNode response, int code)
    {
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.True(response["result"] is null, $"Expected an error, got {response.ToJsonString()}");
        JsonObject error = Assert.IsType<JsonObject>(response["error"]);
        Assert.Equal(code, (int)error["code"]!);
        return error;
    }
}
