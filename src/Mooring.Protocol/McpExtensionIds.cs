namespace Mooring.Protocol;

/// <summary>Identifiers of protocol extensions (<c>capabilities.extensions</c> keys).</summary>
public static class McpExtensionIds
{
    /// <summary>Long-running requests as tasks (SEP-2663), for modern requests.</summary>
    public const string Tasks = "io.modelcontextprotocol/tasks";

    /// <summary>Agent skills served as resources (SEP-2640).</summary>
    public const string Skills = "io.modelcontextprotocol/skills";
}
