using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>resources/list</c>.</summary>
public sealed class ListResourcesResult : PaginatedResult
{
    /// <summary>One page of resources.</summary>
    public IList<Resource> Resources { get; set; } = [];
}
