using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// A task as the tasks extension (<c>io.modelcontextprotocol/tasks</c>, modern era) shows it, flat in the result:
/// the <c>CreateTaskResult</c> of a <c>tools/call</c> (<c>resultType: "task"</c>) and the answer to <c>tasks/get</c>
/// (<c>resultType: "complete"</c>), which adds the pending input requests, the final result or the error. The task's
/// lifetime travels in <see cref="Result.TtlMs"/> (the wire's <c>ttlMs</c>).
/// </summary>
public sealed class DetailedTask : Result
{
    /// <summary>The task id: unguessable, bound to the requester.</summary>
    public required string TaskId { get; set; }

    /// <summary><c>working</c>, <c>input_required</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; set; }

    /// <summary>A human-readable word on the status.</summary>
    public string? StatusMessage { get; set; }

    /// <summary>When the task was created (ISO 8601).</summary>
    public required string CreatedAt { get; set; }

    /// <summary>When the task last changed (ISO 8601).</summary>
    public required string LastUpdatedAt { get; set; }

    /// <summary>How often, in milliseconds, the client should poll.</summary>
    public long? PollIntervalMs { get; set; }

    /// <summary>What the task waits for (status <c>input_required</c>), by key.</summary>
    public IReadOnlyDictionary<string, InputRequest>? InputRequests { get; set; }

    /// <summary>The result of the underlying request (status <c>completed</c>).</summary>
    [JsonPropertyName("result")]
    public JsonElement? TaskResult { get; set; }

    /// <summary>The JSON-RPC error of the underlying request (status <c>failed</c>).</summary>
    public McpTaskError? Error { get; set; }
}
