using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of a task-augmented request.</summary>
public sealed class CreateTaskResult : Result
{
    /// <summary>The created task.</summary>
    public required McpTask Task { get; set; }
}
