using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>resources/templates/list</c>.</summary>
public sealed class ListResourceTemplatesResult : PaginatedResult
{
    /// <summary>One page of templates.</summary>
    public IList<ResourceTemplate> ResourceTemplates { get; set; } = [];
}
