namespace Mooring.Protocol;

/// <summary>
/// The outcome of parsing one JSON-RPC message: the message, or the reason it was rejected together with the id
/// recovered from it (if any), so the rejection can still be addressed to the request.
/// </summary>
public readonly record struct JsonRpcParseResult(JsonRpcParseStatus Status, JsonRpcMessage? Message, RequestId? Id, string? Detail)
{
    /// <summary>True when a message was parsed.</summary>
    public bool IsOk => Status == JsonRpcParseStatus.Ok;
}
