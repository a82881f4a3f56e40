using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>The one table that maps each <see cref="McpRejection"/> to its JSON-RPC code, HTTP status and message.</summary>
public static class McpRejections
{
    /// <summary>Describes a rejection.</summary>
    public static McpRejectionInfo Describe(McpRejection rejection) => rejection switch
    {
        McpRejection.ParseError => new(JsonRpcErrorCodes.ParseError, 400, "Parse error: the body is not valid JSON."),
        McpRejection.InvalidRequest => new(JsonRpcErrorCodes.InvalidRequest, 400, "Invalid request."),
        McpRejection.MethodNotFound => new(JsonRpcErrorCodes.MethodNotFound, 200, "Method not found."),
        McpRejection.InvalidParams => new(JsonRpcErrorCodes.InvalidParams, 200, "Invalid params."),
        McpRejection.InternalError => new(JsonRpcErrorCodes.InternalError, 200, "Internal error."),
        McpRejection.SessionRequired => new(JsonRpcErrorCodes.ServerError, 400, "Bad Request: an MCP-Session-Id header is required."),
        McpRejection.SessionNotFound => new(JsonRpcErrorCodes.SessionNotFound, 404, "Session not found."),
        McpRejection.UnsupportedProtocolVersion => new(JsonRpcErrorCodes.ServerError, 400, "Bad Request: unsupported MCP-Protocol-Version."),
        McpRejection.ForbiddenOrigin => new(JsonRpcErrorCodes.ServerError, 403, "Forbidden: the Origin is not allowed."),
        McpRejection.ForbiddenHost => new(JsonRpcErrorCodes.ServerError, 403, "Forbidden: the Host is not allowed."),
        McpRejection.NotAcceptable => new(JsonRpcErrorCodes.ServerError, 406, "Not Acceptable: the Accept header must allow application/json and text/event-stream."),
        McpRejection.UnsupportedMediaType => new(JsonRpcErrorCodes.ServerError, 415, "Unsupported Media Type: the body must be application/json."),
        McpRejection.MethodNotAllowed => new(JsonRpcErrorCodes.ServerError, 405, "Method Not Allowed."),
        McpRejection.BodyTooLarge => new(JsonRpcErrorCodes.InvalidRequest, 413, "Payload Too Large: the body exceeds the configured limit."),
        McpRejection.BatchNotSupported => new(JsonRpcErrorCodes.InvalidRequest, 400, "Invalid request: JSON-RPC batches are only accepted on protocol version 2025-03-26."),
        McpRejection.InitializeInBatch => new(JsonRpcErrorCodes.InvalidRequest, 400, "Invalid request: initialize must not be part of a batch."),
        McpRejection.AlreadyInitialized => new(JsonRpcErrorCodes.InvalidRequest, 400, "Invalid request: the session is already initialized."),
        McpRejection.NotInitialized => new(JsonRpcErrorCodes.InvalidRequest, 400, "Invalid request: the session has not been initialized."),
        McpRejection.UnknownLastEventId => new(JsonRpcErrorCodes.InvalidRequest, 400, "Bad Request: the Last-Event-ID names no stream that can be resumed."),
        McpRejection.DuplicateRequestId => new(JsonRpcErrorCodes.InvalidRequest, 200, "Invalid request: this request id is already in flight."),
        McpRejection.EmptyBody => new(JsonRpcErrorCodes.ParseError, 400, "Parse error: the body is empty."),
        McpRejection.ServerBusy => new(JsonRpcErrorCodes.ServerError, 503, "Server busy: too many requests are running; retry later."),
        McpRejection.SessionBusy => new(JsonRpcErrorCodes.ServerError, 503, "Too many requests are running in this session; retry later."),
        McpRejection.TooManySessions => new(JsonRpcErrorCodes.ServerError, 503, "Server busy: the session limit is reached; retry later."),
        McpRejection.Draining => new(JsonRpcErrorCodes.ServerError, 503, "Service unavailable: the server is shutting down; retry later."),
        McpRejection.TooManyStreams => new(JsonRpcErrorCodes.ServerError, 503, "Server busy: the stream limit is reached; retry later."),
        McpRejection.HeaderMismatch => new(JsonRpcErrorCodes.HeaderMismatch, 400, "Header mismatch: a required header is missing or does not match the body."),
        McpRejection.MissingClientCapability => new(JsonRpcErrorCodes.MissingRequiredClientCapability, 400, "The request needs a client capability it did not declare."),
        McpRejection.UnsupportedModernVersion => new(JsonRpcErrorCodes.UnsupportedProtocolVersion, 400, "Unsupported protocol version."),
        McpRejection.InvalidRequestMeta => new(JsonRpcErrorCodes.InvalidParams, 400, "Invalid params: _meta must carry io.modelcontextprotocol/protocolVersion and io.modelcontextprotocol/clientCapabilities."),
        McpRejection.ModernMethodNotFound => new(JsonRpcErrorCodes.MethodNotFound, 404, "Method not found."),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };
}
