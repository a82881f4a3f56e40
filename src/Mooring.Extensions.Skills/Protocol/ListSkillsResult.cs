using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>Result of <c>skills/list</c>: one page of skill entries. An entry is never split across pages.</summary>
public sealed class ListSkillsResult : PaginatedResult
{
    /// <summary>The skills of this page.</summary>
    public IList<Skill> Skills { get; set; } = [];
}
