namespace Mooring.Protocol;

/// <summary>Reserved <c>_meta</c> keys.</summary>
public static class McpMetaKeys
{
    /// <summary>Progress token on a request's <c>_meta</c>.</summary>
    public const string ProgressToken = "progressToken";

    /// <summary>Associates a message with a task (2025-11-25).</summary>
    public const string RelatedTask = "io.modelcontextprotocol/related-task";
}
