using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>tasks/list</c>.</summary>
public sealed class ListTasksResult : PaginatedResult
{
    /// <summary>One page of tasks.</summary>
    public IList<McpTask> Tasks { get; set; } = [];
}
