using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>The JSON-RPC error a failed task's request ended with.</summary>
public sealed class McpTaskError
{
    /// <summary>The error code.</summary>
    public required int Code { get; set; }

    /// <summary>The client-safe message.</summary>
    public required string Message { get; set; }

    /// <summary>Structured detail, if any.</summary>
    public JsonElement? Data { get; set; }
}
