using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>
/// Params of a request that may need input from the client (MRTR: <c>tools/call</c>, <c>prompts/get</c>,
/// <c>resources/read</c>): on a retry, the answers to the server's input requests and the state it handed out.
/// </summary>
public class InputResponseRequestParams : RequestParams
{
    /// <summary>The client's answers, by the keys of the server's <c>inputRequests</c>.</summary>
    public Dictionary<string, JsonElement>? InputResponses { get; set; }

    /// <summary>The <c>requestState</c> of the previous round, unchanged.</summary>
    public string? RequestState { get; set; }
}
