namespace Mooring.LoadGen;

/// <summary>How one request ended. Everything but <see cref="Ok"/> counts as an error and ends the connection.</summary>
internal enum ExchangeOutcome
{
    Ok,

    /// <summary>A status outside 2xx.</summary>
    HttpStatus,

    /// <summary>Neither application/json nor text/event-stream where a JSON-RPC response was expected.</summary>
    ContentType,

    /// <summary>Broken HTTP framing, SSE or JSON.</summary>
    Malformed,

    /// <summary>A head, body or event larger than the client buffers.</summary>
    TooLarge,

    /// <summary>A JSON-RPC error response.</summary>
    RpcError,

    /// <summary>A tool result with <c>isError: true</c>.</summary>
    ToolError,

    /// <summary>A result that is not the echo of the text sent.</summary>
    WrongResult,

    /// <summary>A response that should have been preceded by a progress notification on an SSE stream, and was not.</summary>
    NoProgress,

    /// <summary>The body ended without the response to this request.</summary>
    NoResponse,

    /// <summary>The server closed the connection before the response.</summary>
    Closed,

    /// <summary>No response within the request timeout.</summary>
    Timeout,

    /// <summary>The socket failed (refused, reset).</summary>
    SocketError,
}
