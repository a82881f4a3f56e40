namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>What the server must answer to a corpus case.</summary>
internal enum BadInputOutcome
{
    /// <summary>A JSON body holding one JSON-RPC error with the case's status, code and id.</summary>
    Error,

    /// <summary>202 and no body: notifications and client responses, however odd, get no JSON-RPC answer.</summary>
    Accepted,

    /// <summary>HTTP 200 with a <c>tools/call</c> result whose <c>isError</c> is true: argument errors the model can fix.</summary>
    ToolError,

    /// <summary>
    /// Kestrel refuses the request as malformed HTTP before MCP sees it: 400 and no JSON-RPC body. The MCP code cannot
    /// answer these; the case proves they do not reach it and do not hurt the server.
    /// </summary>
    HttpRejected,
}
