namespace Mooring.Protocol;

/// <summary>
/// One parsed JSON-RPC 2.0 message. <see cref="Params"/>, <see cref="Result"/> and <see cref="ErrorData"/> are raw
/// UTF-8 JSON slices of the buffer the message was parsed from: they are valid only as long as that buffer is, so
/// consumers deserialize them (or copy them) before the buffer is released.
/// </summary>
public sealed class JsonRpcMessage
{
    /// <summary>The message's shape.</summary>
    public required JsonRpcMessageKind Kind { get; init; }

    /// <summary>The id of a request or response; null for notifications and id-less errors.</summary>
    public RequestId? Id { get; init; }

    /// <summary>The method of a request or notification.</summary>
    public string? Method { get; init; }

    /// <summary>The raw <c>params</c> value, empty when absent.</summary>
    public ReadOnlyMemory<byte> Params { get; init; }

    /// <summary>The raw <c>result</c> value of a result response.</summary>
    public ReadOnlyMemory<byte> Result { get; init; }

    /// <summary>The error code of an error response.</summary>
    public int ErrorCode { get; init; }

    /// <summary>The error message of an error response.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The raw <c>error.data</c> value of an error response, empty when absent.</summary>
    public ReadOnlyMemory<byte> ErrorData { get; init; }

    /// <summary>True for requests (the only kind that gets a response).</summary>
    public bool IsRequest => Kind == JsonRpcMessageKind.Request;

    /// <summary>True for results and errors: answers to requests the server sent.</summary>
    public bool IsResponse => Kind is JsonRpcMessageKind.Result or JsonRpcMessageKind.Error;
}
