using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>Params of <c>resources/directory/read</c>.</summary>
public sealed class ReadResourceDirectoryRequestParams : PaginatedRequestParams
{
    /// <summary>The URI of the directory resource, without a trailing slash.</summary>
    public required string Uri { get; set; }
}
