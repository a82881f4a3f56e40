using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Result of <c>resources/directory/read</c>: one page of a directory's direct children. Files carry their ordinary
/// resource metadata; subdirectories have the MIME type <see cref="McpSkillConventions.DirectoryMimeType"/>.
/// </summary>
public sealed class ReadResourceDirectoryResult : PaginatedResult
{
    /// <summary>The children of this page.</summary>
    public IList<Resource> Resources { get; set; } = [];
}
