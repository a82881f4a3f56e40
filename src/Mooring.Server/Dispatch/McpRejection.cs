namespace Mooring.Server;

/// <summary>
/// Every reason Mooring refuses a message or an HTTP request. <see cref="McpRejections"/> maps each one to its
/// JSON-RPC code, HTTP status and message in one place.
/// </summary>
public enum McpRejection
{
    /// <summary>The body is not valid JSON.</summary>
    ParseError,

    /// <summary>Valid JSON, but not a valid JSON-RPC message.</summary>
    InvalidRequest,

    /// <summary>The method is unknown or not offered.</summary>
    MethodNotFound,

    /// <summary>The params do not fit the method.</summary>
    InvalidParams,

    /// <summary>A handler failed unexpectedly.</summary>
    InternalError,

    /// <summary>A request other than <c>initialize</c> arrived without a session id.</summary>
    SessionRequired,

    /// <summary>The session id is unknown, expired or terminated.</summary>
    SessionNotFound,

    /// <summary>The <c>MCP-Protocol-Version</c> header names a revision this server does not serve.</summary>
    UnsupportedProtocolVersion,

    /// <summary>The <c>Origin</c> header is not allowed.</summary>
    ForbiddenOrigin,

    /// <summary>The <c>Host</c> header is not allowed.</summary>
    ForbiddenHost,

    /// <summary>The <c>Accept</c> header does not allow the responses the endpoint produces.</summary>
    NotAcceptable,

    /// <summary>The body is not <c>application/json</c>.</summary>
    UnsupportedMediaType,

    /// <summary>The HTTP method is not served on the MCP endpoint.</summary>
    MethodNotAllowed,

    /// <summary>The body exceeds the configured size limit.</summary>
    BodyTooLarge,

    /// <summary>A JSON-RPC batch was sent on a revision that does not allow batches.</summary>
    BatchNotSupported,

    /// <summary><c>initialize</c> was sent inside a batch, which 2025-03-26 forbids.</summary>
    InitializeInBatch,

    /// <summary><c>initialize</c> was sent on a session that is already initialized.</summary>
    AlreadyInitialized,

    /// <summary>A request other than <c>initialize</c> or <c>ping</c> arrived before <c>initialize</c>.</summary>
    NotInitialized,

    /// <summary>A GET carried a <c>Last-Event-ID</c> that names no stream this session can replay.</summary>
    UnknownLastEventId,

    /// <summary>A request id is already in flight on this session.</summary>
    DuplicateRequestId,

    /// <summary>The body is not valid UTF-8 or is empty.</summary>
    EmptyBody,


    /// <summary>The server runs as many handlers as <see cref="McpServerLimits.MaxConcurrentRequests"/> allows.</summary>
    ServerBusy,

    /// <summary>The session runs as many handlers as <see cref="McpServerLimits.MaxConcurrentRequestsPerSession"/> allows.</summary>
    SessionBusy,

    /// <summary><see cref="McpServerLimits.MaxSessions"/> sessions are live and none is idle enough to evict.</summary>
    TooManySessions,

    /// <summary>The SSE stream limit is reached.</summary>
    TooManyStreams,

    /// <summary>The server is shutting down: no new sessions, streams or requests.</summary>
    Draining,

    /// <summary>Modern era: a standard header (<c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>, <c>Mcp-Param-*</c>) is missing, malformed or disagrees with the body (-32020, 400).</summary>
    HeaderMismatch,

    /// <summary>Modern era: the request needs a client capability it did not declare (-32021, 400, <c>data.requiredCapabilities</c>).</summary>
    MissingClientCapability,

    /// <summary>Modern era: the request names a revision the server does not serve (-32022, 400, <c>data.supported</c> and <c>data.requested</c>).</summary>
    UnsupportedModernVersion,

    /// <summary>Modern era: the request's <c>_meta</c> lacks <c>protocolVersion</c> or <c>clientCapabilities</c>, or is malformed (-32602, 400).</summary>
    InvalidRequestMeta,

    /// <summary>Modern era: the method does not exist in this revision, or was removed from it (-32601, HTTP 404).</summary>
    ModernMethodNotFound,
}
