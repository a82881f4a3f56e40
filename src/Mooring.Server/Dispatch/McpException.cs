using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// An error whose message is meant for the client. Throw it from a handler to answer with a JSON-RPC error (or, from
/// a tool, an <c>isError</c> result) carrying this code and message. Any other exception is logged and answered with
/// a generic message, so internal details never reach the wire.
/// </summary>
public class McpException : Exception
{
    /// <summary>Creates an error with code <see cref="JsonRpcErrorCodes.InternalError"/>.</summary>
    public McpException()
        : this("An error occurred.")
    {
    }

    /// <summary>Creates an error with code <see cref="JsonRpcErrorCodes.InternalError"/>.</summary>
    public McpException(string message)
        : this(message, JsonRpcErrorCodes.InternalError)
    {
    }

    /// <summary>Creates an error with code <see cref="JsonRpcErrorCodes.InternalError"/> and an inner exception (never sent).</summary>
    public McpException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = JsonRpcErrorCodes.InternalError;
    }

    /// <summary>Creates an error with the given JSON-RPC code.</summary>
    public McpException(string message, int errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The JSON-RPC error code sent to the client.</summary>
    public int ErrorCode { get; }
}
