namespace Mooring.AspNetCore;

/// <summary>MCP's HTTP header names (compared case-insensitively, as HTTP requires).</summary>
public static class McpHttpHeaders
{
    /// <summary>The session id header.</summary>
    public const string SessionId = "MCP-Session-Id";

    /// <summary>The protocol version header.</summary>
    public const string ProtocolVersion = "MCP-Protocol-Version";

    /// <summary>The SSE resumption header.</summary>
    public const string LastEventId = "Last-Event-ID";

    /// <summary>The request's JSON-RPC method, on every modern request.</summary>
    public const string Method = "Mcp-Method";

    /// <summary>The request's target (tool or prompt name, resource URI, task id), on modern requests that have one.</summary>
    public const string Name = "Mcp-Name";
}
