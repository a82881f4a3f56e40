namespace Mooring.Protocol;

/// <summary>Reserved <c>_meta</c> keys.</summary>
public static class McpMetaKeys
{
    /// <summary>Progress token on a request's <c>_meta</c>.</summary>
    public const string ProgressToken = "progressToken";

    /// <summary>Associates a message with a task (2025-11-25).</summary>
    public const string RelatedTask = "io.modelcontextprotocol/related-task";

    /// <summary>The request's protocol revision (modern era; required).</summary>
    public const string ProtocolVersion = "io.modelcontextprotocol/protocolVersion";

    /// <summary>The capabilities the client declares for this request (modern era; required).</summary>
    public const string ClientCapabilities = "io.modelcontextprotocol/clientCapabilities";

    /// <summary>The client's name and version (modern era; optional).</summary>
    public const string ClientInfo = "io.modelcontextprotocol/clientInfo";

    /// <summary>The lowest log level the client wants for this request; without it the server sends no logs (modern era).</summary>
    public const string LogLevel = "io.modelcontextprotocol/logLevel";

    /// <summary>The server's name and version, in every modern result's <c>_meta</c>.</summary>
    public const string ServerInfo = "io.modelcontextprotocol/serverInfo";

    /// <summary>The id of the <c>subscriptions/listen</c> request a notification belongs to.</summary>
    public const string SubscriptionId = "io.modelcontextprotocol/subscriptionId";
}
