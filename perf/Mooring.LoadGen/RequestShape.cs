namespace Mooring.LoadGen;

/// <summary>Which protocol era a tools/call request is written in.</summary>
internal enum RequestShape
{
    /// <summary>2025-11-25: <c>MCP-Protocol-Version</c> and, after the handshake, <c>MCP-Session-Id</c>.</summary>
    Legacy,

    /// <summary>2026-07-28: no session; <c>Mcp-Method</c>, <c>Mcp-Name</c> and the version and capabilities in <c>_meta</c>.</summary>
    Modern,
}
