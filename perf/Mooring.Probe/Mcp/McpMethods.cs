namespace Mooring.Probe.Mcp;

/// <summary>The MCP method names and headers the probe uses, each spelled once.</summary>
internal static class McpMethods
{
    public const string Initialize = "initialize";
    public const string Initialized = "notifications/initialized";
    public const string ToolsList = "tools/list";
    public const string ToolsCall = "tools/call";

    public const string ProtocolVersion = "2025-11-25";
    public const string SessionIdHeader = "MCP-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    // Streamable HTTP: a POST must accept both answers, a GET only the stream.
    public const string PostAccept = "application/json, text/event-stream";
    public const string StreamAccept = "text/event-stream";
}
