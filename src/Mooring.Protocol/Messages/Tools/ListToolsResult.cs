using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>tools/list</c>.</summary>
public sealed class ListToolsResult : PaginatedResult
{
    /// <summary>One page of tools.</summary>
    public IList<Tool> Tools { get; set; } = [];
}
