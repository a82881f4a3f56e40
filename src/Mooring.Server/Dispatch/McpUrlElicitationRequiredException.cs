using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Thrown by a handler that cannot go on until the user completes one or more URL-mode elicitations (for example an
/// OAuth flow with a third party). The client receives JSON-RPC error <c>-32042</c> listing them, even from a tool:
/// the spec makes this a protocol error, not a tool result.
/// </summary>
public sealed class McpUrlElicitationRequiredException : McpProtocolException
{
    /// <summary>Creates the exception for the given URL-mode elicitations.</summary>
    public McpUrlElicitationRequiredException(string message, IReadOnlyList<ElicitRequestParams> elicitations)
        : base(message, JsonRpcErrorCodes.UrlElicitationRequired)
    {
        ArgumentNullException.ThrowIfNull(elicitations);
        if (elicitations.Count == 0 || elicitations.Any(e => e.Mode != "url" || string.IsNullOrEmpty(e.Url) || string.IsNullOrEmpty(e.ElicitationId)))
        {
            throw new ArgumentException("Every elicitation must be URL mode with a url and an elicitationId.", nameof(elicitations));
        }

        Elicitations = elicitations;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public McpUrlElicitationRequiredException()
        : base("URL elicitation is required.", JsonRpcErrorCodes.UrlElicitationRequired)
    {
        Elicitations = [];
    }

    /// <summary>Creates the exception with a message and no elicitations (not valid to send; for serializers).</summary>
    public McpUrlElicitationRequiredException(string message)
        : base(message, JsonRpcErrorCodes.UrlElicitationRequired)
    {
        Elicitations = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public McpUrlElicitationRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Elicitations = [];
    }

    /// <summary>The elicitations the client must complete.</summary>
    public IReadOnlyList<ElicitRequestParams> Elicitations { get; }

    internal McpOutgoingMessage ToResponse(RequestId id) => McpOutgoingMessage.Error(
        id,
        JsonRpcErrorCodes.UrlElicitationRequired,
        Message,
        JsonSerializer.SerializeToUtf8Bytes(new UrlElicitationRequiredErrorData { Elicitations = [.. Elicitations] }, McpJsonContext.Default.UrlElicitationRequiredErrorData));
}
