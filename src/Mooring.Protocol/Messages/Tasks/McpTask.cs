using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// The state of a task (2025-11-25 experimental tasks). With its <c>_meta</c> it is also the whole result of
/// <c>tasks/get</c> and <c>tasks/cancel</c> and the params of <c>notifications/tasks/status</c> (each is the task
/// plus <c>_meta</c> in the schema).
/// </summary>
public sealed class McpTask
{
    /// <summary>Task id.</summary>
    public required string TaskId { get; set; }

    /// <summary><c>working</c>, <c>input_required</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string Status { get; set; }

    /// <summary>Human-readable status.</summary>
    public string? StatusMessage { get; set; }

    /// <summary>ISO 8601 creation time.</summary>
    public required string CreatedAt { get; set; }

    /// <summary>ISO 8601 last update time.</summary>
    public required string LastUpdatedAt { get; set; }

    /// <summary>Milliseconds the result is kept after creation.</summary>
    public long? Ttl { get; set; }

    /// <summary>Suggested polling interval in milliseconds.</summary>
    public long? PollInterval { get; set; }

    /// <summary>Metadata.</summary>
    [JsonPropertyName("_meta")]
    public JsonObject? Meta { get; set; }
}
