namespace Mooring.Server;

/// <summary>
/// Refuses a request with one of the mapped rejections (<see cref="McpRejections"/>): its JSON-RPC code and HTTP
/// status come from that one table, even when a tool throws it (a capacity refusal is a protocol answer, not a tool
/// error).
/// </summary>
public sealed class McpRejectionException : McpProtocolException
{
    /// <summary>Creates the exception for <paramref name="rejection"/>, with its table message unless one is given.</summary>
    public McpRejectionException(McpRejection rejection, string? message = null)
        : base(message ?? McpRejections.Describe(rejection).Message, McpRejections.Describe(rejection).Code)
    {
        Rejection = rejection;
    }

    /// <summary>Creates the exception for an internal error.</summary>
    public McpRejectionException()
        : this(McpRejection.InternalError)
    {
    }

    /// <summary>Creates the exception for an internal error with a message.</summary>
    public McpRejectionException(string message)
        : this(McpRejection.InternalError, message)
    {
    }

    /// <summary>Creates the exception for an internal error with a message and an inner exception.</summary>
    public McpRejectionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejection = McpRejection.InternalError;
    }

    /// <summary>The rejection.</summary>
    public McpRejection Rejection { get; }
}
