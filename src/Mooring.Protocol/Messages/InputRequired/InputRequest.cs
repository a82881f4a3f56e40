using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>
/// One thing the server needs from the client to finish a request (MRTR): an <c>elicitation/create</c>,
/// <c>sampling/createMessage</c> or <c>roots/list</c> request without JSON-RPC id.
/// </summary>
public sealed class InputRequest
{
    /// <summary>The client method that produces the input.</summary>
    public required string Method { get; set; }

    /// <summary>Its params.</summary>
    public JsonElement? Params { get; set; }
}
