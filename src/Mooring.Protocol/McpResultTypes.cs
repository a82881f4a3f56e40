namespace Mooring.Protocol;

/// <summary>Values of a modern result's <c>resultType</c>.</summary>
public static class McpResultTypes
{
    /// <summary>The request is done; the result is final.</summary>
    public const string Complete = "complete";

    /// <summary>The server needs input from the client (MRTR): retry with <c>inputResponses</c> and <c>requestState</c>.</summary>
    public const string InputRequired = "input_required";

    /// <summary>The tasks extension: the request continues as a task.</summary>
    public const string Task = "task";
}
