namespace Mooring.Protocol;

/// <summary>The statuses of a task; the last three are terminal.</summary>
public static class McpTaskStatuses
{
    /// <summary>Running.</summary>
    public const string Working = "working";

    /// <summary>Waiting for input from the client.</summary>
    public const string InputRequired = "input_required";

    /// <summary>Finished with a result (a tool error too).</summary>
    public const string Completed = "completed";

    /// <summary>Finished with a JSON-RPC error.</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled by the requester, or expired.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>True for a status a task never leaves.</summary>
    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;
}
