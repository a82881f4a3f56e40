namespace Mooring.Protocol;

/// <summary>
/// The interim answer of a multi round-trip request (modern era, <c>resultType: "input_required"</c>): the client
/// fulfils <see cref="InputRequests"/> and retries the same request with <c>inputResponses</c> and <see cref="RequestState"/>.
/// </summary>
public sealed class InputRequiredResult : Result
{
    /// <summary>What the server needs, by a key the client echoes in <c>inputResponses</c>.</summary>
    public IReadOnlyDictionary<string, InputRequest>? InputRequests { get; set; }

    /// <summary>Opaque, integrity-protected state the client sends back unchanged.</summary>
    public string? RequestState { get; set; }
}
