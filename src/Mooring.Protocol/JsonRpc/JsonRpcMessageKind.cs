namespace Mooring.Protocol;

/// <summary>The four shapes of a JSON-RPC 2.0 message.</summary>
public enum JsonRpcMessageKind
{
    /// <summary>A request: has <c>method</c> and <c>id</c>; expects a response.</summary>
    Request,

    /// <summary>A notification: has <c>method</c>, no <c>id</c>; never answered.</summary>
    Notification,

    /// <summary>A successful response: has <c>id</c> and <c>result</c>.</summary>
    Result,

    /// <summary>An error response: has <c>error</c> and usually an <c>id</c>.</summary>
    Error,
}
