using System.Text.Json;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests;

/// <summary>Assertions on JSON-RPC answers: shape, code, id, and that nothing internal leaked into them.</summary>
internal static class JsonRpcAssert
{
    /// <summary>Fragments that only appear when exception text or type names cross the wire.</summary>
    private static readonly string[] InternalFragments = ["Exception", "System.", "Microsoft.", "Mooring.", "   at ", ".cs:line", "StackTrace"];

    /// <summary>Asserts a rejection exactly as <see cref="McpRejections"/> describes it: status, JSON-RPC code and the id.</summary>
    public static JsonElement Rejection(RawHttpResponse response, McpRejection rejection, string expectedIdJson = "null")
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);
        return Error(response, info.HttpStatus, info.Code, expectedIdJson);
    }

    /// <summary>Asserts a JSON body holding one well-formed JSON-RPC error; returns the whole message.</summary>
    public static JsonElement Error(RawHttpResponse response, int status, int code, string expectedIdJson = "null")
    {
        Assert.True(status == response.StatusCode, $"Expected HTTP {status}, got {response.StatusCode}: {response.BodyText}");
        Assert.Equal("application/json", MediaType(response.ContentType));
        Assert.Equal(response.Body.Length, response.ContentLength);
        return ErrorMessage(response.BodyText, code, expectedIdJson);
    }

    /// <summary>Asserts a JSON-RPC error message's shape, code and id.</summary>
    public static JsonElement ErrorMessage(string json, int code, string expectedIdJson = "null")
    {
        NoInternals(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        Assert.False(root.TryGetProperty("result", out _), "An error response must not carry a result.");
        Assert.False(root.TryGetProperty("method", out _), "A response must not carry a method.");
        JsonElement error = root.GetProperty("error");
        Assert.True(code == error.GetProperty("code").GetInt32(), $"Expected code {code}: {json}");
        JsonElement message = error.GetProperty("message");
        Assert.Equal(JsonValueKind.String, message.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(message.GetString()));
        Assert.True(root.TryGetProperty("id", out JsonElement id), "A JSON-RPC error must carry an id member (null when unknown).");
        Assert.Equal(expectedIdJson, id.GetRawText());
        return root.Clone();
    }

    /// <summary>Asserts a JSON body holding one JSON-RPC result for <paramref name="expectedIdJson"/>; returns the result.</summary>
    public static JsonElement Result(RawHttpResponse response, string expectedIdJson)
    {
        Assert.True(response.StatusCode == 200, $"Expected HTTP 200, got {response.StatusCode}: {response.BodyText}");
        Assert.Equal("application/json", MediaType(response.ContentType));
        return ResultMessage(response.BodyText, expectedIdJson);
    }

    /// <summary>Asserts a JSON-RPC result message; returns the result.</summary>
    public static JsonElement ResultMessage(string json, string expectedIdJson)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("jsonrpc").GetString());
        Assert.False(root.TryGetProperty("error", out _), $"Expected a result: {json}");
        Assert.Equal(expectedIdJson, root.GetProperty("id").GetRawText());
        return root.GetProperty("result").Clone();
    }

    /// <summary>Asserts a <c>tools/call</c> result with <c>isError: true</c> (HTTP 200); returns its text.</summary>
    public static string ToolError(RawHttpResponse response, string expectedIdJson)
    {
        NoInternals(response.BodyText);
        JsonElement result = Result(response, expectedIdJson);
        Assert.True(result.GetProperty("isError").GetBoolean(), $"Expected isError: {response.BodyText}");
        JsonElement first = result.GetProperty("content")[0];
        Assert.Equal("text", first.GetProperty("type").GetString());
        return first.GetProperty("text").GetString()!;
    }

    /// <summary>Asserts a 202 with no body.</summary>
    public static void Accepted(RawHttpResponse response)
    {
        Assert.True(response.StatusCode == 202, $"Expected HTTP 202, got {response.StatusCode}: {response.BodyText}");
        Assert.Empty(response.Body);
    }

    /// <summary>Asserts that no exception text, stack trace or type name is in <paramref name="body"/>.</summary>
    public static void NoInternals(string body)
    {
        foreach (string fragment in InternalFragments)
        {
            Assert.False(body.Contains(fragment, StringComparison.Ordinal), $"The answer leaks '{fragment}': {body}");
        }
    }

    /// <summary>The media type of a Content-Type value, without parameters.</summary>
    public static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim();
}
