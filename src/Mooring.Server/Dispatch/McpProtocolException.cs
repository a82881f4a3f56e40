using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// An error in the protocol exchange itself (a missing client capability, a malformed input response, a required
/// URL elicitation): it reaches the client as a JSON-RPC error even when a tool throws it, where other
/// <see cref="McpException"/>s from a tool become a tool error result the model can read.
/// </summary>
public class McpProtocolException : McpException
{
    /// <summary>Creates the exception with <c>-32603</c>.</summary>
    public McpProtocolException()
        : base("A protocol error occurred.", JsonRpcErrorCodes.InternalError)
    {
    }

    /// <summary>Creates the exception with <c>-32603</c>.</summary>
    public McpProtocolException(string message)
        : base(message, JsonRpcErrorCodes.InternalError)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public McpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a JSON-RPC error code.</summary>
    public McpProtocolException(string message, int errorCode)
        : base(message, errorCode)
    {
    }
}
