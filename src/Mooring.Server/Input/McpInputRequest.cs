using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// One piece of input a handler needs from the client: an elicitation, a sampling request or the client's roots,
/// under a key unique within the request. Pass several to <see cref="McpRequestContext.RequestInputsAsync"/> to ask
/// for them in one round.
/// </summary>
public sealed class McpInputRequest
{
    private McpInputRequest(string key, string method, JsonElement parameters, ClientCapabilities requires)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Method = method;
        Params = parameters;
        Requires = requires;
    }

    /// <summary>The key the answer comes back under.</summary>
    public string Key { get; }

    /// <summary>The client method: <c>elicitation/create</c>, <c>sampling/createMessage</c> or <c>roots/list</c>.</summary>
    public string Method { get; }

    /// <summary>The method's params.</summary>
    public JsonElement Params { get; }

    /// <summary>The client capability this request needs.</summary>
    internal ClientCapabilities Requires { get; }

    /// <summary>Asks the user, through the client, for the information described by <paramref name="request"/>.</summary>
    public static McpInputRequest Elicit(string key, ElicitRequestParams request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool urlMode = string.Equals(request.Mode, "url", StringComparison.Ordinal);
        if (urlMode && string.IsNullOrEmpty(request.Url))
        {
            throw new ArgumentException("URL-mode elicitation needs Url.", nameof(request));
        }

        if (!urlMode && request.RequestedSchema is null)
        {
            throw new ArgumentException("Form-mode elicitation needs RequestedSchema.", nameof(request));
        }

        var requires = new ClientCapabilities { Elicitation = urlMode ? new ElicitationCapability { Url = [] } : new ElicitationCapability() };
        return new(key, McpMethods.ElicitationCreate, JsonSerializer.SerializeToElement(request, McpJsonContext.Default.ElicitRequestParams), requires);
    }

    /// <summary>Asks the client's model for a completion.</summary>
    public static McpInputRequest Sample(string key, CreateMessageRequestParams request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requires = new ClientCapabilities { Sampling = request.Tools is { Count: > 0 } ? new SamplingCapability { Tools = [] } : new SamplingCapability() };
        return new(key, McpMethods.SamplingCreateMessage, JsonSerializer.SerializeToElement(request, McpJsonContext.Default.CreateMessageRequestParams), requires);
    }

    /// <summary>Asks the client for its roots.</summary>
    public static McpInputRequest ListRoots(string key) =>
        new(key, McpMethods.RootsList, JsonSerializer.SerializeToElement(new RequestParams(), McpJsonContext.Default.RequestParams), new ClientCapabilities { Roots = new RootsCapability() });
}
