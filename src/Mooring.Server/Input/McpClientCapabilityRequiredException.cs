using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// The handler needs a client capability the client did not declare. A modern request gets <c>-32021</c> with
/// <c>data.requiredCapabilities</c> (HTTP 400); a legacy session gets <c>-32600</c>, as before 2026-07-28.
/// </summary>
public sealed class McpClientCapabilityRequiredException : McpProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="required">The capabilities the request would need, as a capabilities object.</param>
    /// <param name="message">A client-safe message.</param>
    public McpClientCapabilityRequiredException(ClientCapabilities required, string message)
        : base(message, JsonRpcErrorCodes.InvalidRequest)
    {
        ArgumentNullException.ThrowIfNull(required);
        Required = required;
    }

    /// <summary>The capabilities the request would need.</summary>
    public ClientCapabilities Required { get; }
}
