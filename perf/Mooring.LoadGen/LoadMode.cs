namespace Mooring.LoadGen;

/// <summary>What the load generator sends.</summary>
internal enum LoadMode
{
    /// <summary>The MCP handshake (initialize, notifications/initialized), then tools/call echo with the session's headers.</summary>
    Mcp,

    /// <summary>The same tools/call body with no handshake and no session, for a server that answers a fixed body.</summary>
    Raw,
}
