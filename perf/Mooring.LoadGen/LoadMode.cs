namespace Mooring.LoadGen;

/// <summary>What the load generator does.</summary>
internal enum LoadMode
{
    /// <summary>The legacy handshake (initialize, notifications/initialized), then tools/call back to back in that one session.</summary>
    Legacy,

    /// <summary>2026-07-28 stateless tools/call back to back: no handshake, no session, the modern headers and <c>_meta</c>.</summary>
    Modern,

    /// <summary>The same tools/call bytes (<see cref="RequestShape"/>) with no handshake and no session, for a server that answers a fixed body.</summary>
    Raw,

    /// <summary>Session churn: per cycle a new connection, initialize, notifications/initialized, tools/call, close (no DELETE).</summary>
    Churn,

    /// <summary>Opens sessions (initialize, notifications/initialized) and leaves them idle, for the idle-session heap figure.</summary>
    Sessions,

    /// <summary>Opens and holds SSE streams (a legacy session's GET, or a modern <c>subscriptions/listen</c>) and times their heartbeats.</summary>
    Streams,
}
