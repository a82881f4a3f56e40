using System.Text.Json.Nodes;

namespace Mooring.Probe.Mcp;

/// <summary>The HTTP status and, when there was one, the JSON-RPC message that answered a request.</summary>
internal sealed record McpReply(int StatusCode, JsonObject? Message, string? SessionId)
{
    public bool IsResult => Message?["result"] is not null;

    public JsonObject? Result => Message?["result"] as JsonObject;

    public string Describe() =>
        Message?["error"] is JsonObject error ? $"HTTP {StatusCode}, JSON-RPC error {error["code"]}: {error["message"]}"
        : Message is null ? $"HTTP {StatusCode}, no JSON-RPC answer"
        : $"HTTP {StatusCode}";
}
