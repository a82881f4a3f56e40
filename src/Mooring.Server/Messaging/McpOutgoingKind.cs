namespace Mooring.Server;

/// <summary>What an outgoing message is.</summary>
public enum McpOutgoingKind
{
    /// <summary>A result or error answering a client request.</summary>
    Response,

    /// <summary>A notification.</summary>
    Notification,

    /// <summary>A request the server sends to the client.</summary>
    Request,
}
