namespace Mooring.Server;

/// <summary>Whether a tool can run as a task (a long-running request the client polls).</summary>
public enum McpTaskSupport
{
    /// <summary>Never a task: the call answers directly. The default.</summary>
    Forbidden,

    /// <summary>A task when the client supports tasks; otherwise the call answers directly.</summary>
    Optional,

    /// <summary>Only as a task: a client without task support gets an error saying what to declare.</summary>
    Required,
}
