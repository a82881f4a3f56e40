namespace Mooring.Server;

/// <summary>
/// The client did not answer a server-to-client request (sampling, elicitation, roots) within
/// <see cref="McpServerOptions.ClientRequestTimeout"/>. The server has already sent <c>notifications/cancelled</c>
/// for it. A tool that does not catch it returns an <c>isError</c> result saying so.
/// </summary>
public sealed class McpClientRequestTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public McpClientRequestTimeoutException()
        : base("The client did not answer in time.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public McpClientRequestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public McpClientRequestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The method of the request that timed out.</summary>
    public string? Method { get; init; }
}
