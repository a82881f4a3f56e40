using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Protocol;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// Modern (2026-07-28) requests written as raw JSON and raw HTTP, so each test states exactly what goes on the wire:
/// the body with its per-request <c>_meta</c>, and the headers a correct client mirrors from it
/// (<c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>). A test that probes a rule removes or
/// changes one of them.
/// </summary>
internal static class ModernWire
{
    public const string Version = McpProtocolVersions.V20260728;

    /// <summary>A JSON-RPC request (or, with a null id, a notification) whose params carry modern <c>_meta</c>.</summary>
    /// <param name="idJson">The id as JSON (<c>7</c> or <c>"a"</c>); null for a notification.</param>
    /// <param name="method">The method.</param>
    /// <param name="paramsJson">The params without <c>_meta</c> (an object), or null for none besides <c>_meta</c>.</param>
    /// <param name="capabilitiesJson">The request's <c>clientCapabilities</c>.</param>
    /// <param name="logLevel">The request's <c>logLevel</c>; null sends none.</param>
    /// <param name="progressTokenJson">The request's <c>progressToken</c> as JSON; null sends none.</param>
    /// <param name="version">The <c>_meta</c> protocol version.</param>
    public static string Body(string? idJson, string method, string? paramsJson = null, string capabilitiesJson = "{}", string? logLevel = null, string? progressTokenJson = null, string version = Version)
    {
        JsonObject parameters = paramsJson is null ? [] : JsonNode.Parse(paramsJson)!.AsObject();
        var meta = new JsonObject
        {
            [McpMetaKeys.ProtocolVersion] = version,
            [McpMetaKeys.ClientCapabilities] = JsonNode.Parse(capabilitiesJson),
            [McpMetaKeys.ClientInfo] = new JsonObject { ["name"] = "mooring-tests", ["version"] = "1.0.0" },
        };
        if (logLevel is not null)
        {
            meta[McpMetaKeys.LogLevel] = logLevel;
        }

        if (progressTokenJson is not null)
        {
            meta[McpMetaKeys.ProgressToken] = JsonNode.Parse(progressTokenJson);
        }

        parameters["_meta"] = meta;
        return Envelope(idJson, method, parameters);
    }

    /// <summary>A JSON-RPC message with exactly the params given (no <c>_meta</c> added).</summary>
    public static string Envelope(string? idJson, string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (idJson is not null)
        {
            message["id"] = JsonNode.Parse(idJson);
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message.ToJsonString();
    }

    /// <summary>
    /// A POST of <paramref name="body"/> with the modern headers: <c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>
    /// (the body's method) and, when given, <c>Mcp-Name</c>.
    /// </summary>
    public static RawHttpRequest Post(string body, string? name = null, string? version = Version)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        RawHttpRequest request = RawHttpRequest.Post(body, protocolVersion: version)
            .WithHeader("Mcp-Method", document.RootElement.GetProperty("method").GetString()!);
        return name is null ? request : request.WithHeader("Mcp-Name", name);
    }

    /// <summary>A well-formed modern request: <see cref="Body"/> posted with its headers; <c>Mcp-Name</c> from params when the method has one.</summary>
    public static RawHttpRequest Request(string idJson, string method, string? paramsJson = null, string capabilitiesJson = "{}", string? logLevel = null, string? progressTokenJson = null)
    {
        string? name = null;
        if (paramsJson is not null && McpRequestHeaderValidator.GetNameMember(method) is { } member)
        {
            using JsonDocument document = JsonDocument.Parse(paramsJson);
            name = document.RootElement.GetProperty(member).GetString();
        }

        return Post(Body(idJson, method, paramsJson, capabilitiesJson, logLevel, progressTokenJson), name);
    }

    /// <summary>Sends one request on a new connection and reads the whole answer (JSON, or every SSE event to the end).</summary>
    public static async Task<ModernAnswer> ExchangeAsync(KestrelTestServer server, RawHttpRequest request)
    {
        await using RawHttpClient client = await RawHttpClient.ConnectAsync(server.BaseAddress);
        return await ReadAnswerAsync(client, await client.SendAndReadHeadAsync(request));
    }

    /// <summary>Reads the rest of an answer whose head was read: its JSON body, or its SSE events until the stream ends.</summary>
    public static async Task<ModernAnswer> ReadAnswerAsync(RawHttpClient client, RawHttpResponse head)
    {
        // The 2026-07-28 era is stateless: no modern response may carry a session id (the C# 2.4 client refuses one).
        Assert.Empty(head.HeaderValues("Mcp-Session-Id"));
        if (JsonRpcAssert.MediaType(head.ContentType) != "text/event-stream")
        {
            await client.ReadBodyAsync();
            return new ModernAnswer(head, [], head.Body.Length == 0 ? [] : [Parse(head.BodyText)]);
        }

        List<SseEvent> events = [];
        while (await client.ReadSseEventAsync() is { } e)
        {
            events.Add(e);
        }

        return new ModernAnswer(head, events, [.. events.Where(e => e.HasMessage).Select(e => Parse(e.Data!))]);
    }

    /// <summary>Parses one JSON message into a detached element.</summary>
    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
