namespace Mooring.Server;

/// <summary>Why a lease ended. Counted per budget in <c>mcp.server.leases.ended</c>.</summary>
public enum McpEndReason
{
    /// <summary>The work finished normally.</summary>
    Completed,

    /// <summary>The client disconnected (FIN or RST). Not an error.</summary>
    ClientGone,

    /// <summary>The client cancelled (notifications/cancelled).</summary>
    Cancelled,

    /// <summary>The client ended it (DELETE).</summary>
    Deleted,

    /// <summary>Nothing happened for the idle timeout.</summary>
    IdleTimeout,

    /// <summary>Evicted to make room under a cap.</summary>
    Evicted,

    /// <summary>The peer stopped answering heartbeats or keep-alive pings.</summary>
    HeartbeatFailed,

    /// <summary>A write did not complete within the write timeout (a slow or stopped reader).</summary>
    WriteTimeout,

    /// <summary>Replaced by a newer connection of the same stream.</summary>
    Superseded,

    /// <summary>The server is shutting down.</summary>
    Shutdown,

    /// <summary>The work failed.</summary>
    Error,
}
