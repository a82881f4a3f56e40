namespace Mooring.LoadGen;

/// <summary>What a JSON-RPC message turned out to be, relative to the request being waited on.</summary>
internal enum RpcMessageKind
{
    /// <summary>The awaited response, with a result.</summary>
    Result,

    /// <summary>The awaited response, with a result whose <c>isError</c> is true (a tool that failed).</summary>
    ToolError,

    /// <summary>The awaited response, with a result that is not the expected echo (wrong or missing <c>content[0].text</c>).</summary>
    WrongResult,

    /// <summary>The awaited response, with a JSON-RPC error.</summary>
    Error,

    /// <summary>A <c>notifications/progress</c>.</summary>
    Progress,

    /// <summary>A request, another notification or another request's response: not the one awaited.</summary>
    Other,

    /// <summary>Not a JSON-RPC message.</summary>
    Malformed,
}
