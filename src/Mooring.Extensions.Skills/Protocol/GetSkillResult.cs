using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>Result of <c>skills/get</c>: the entry of one skill (no cursor: a single entry is not a list).</summary>
public sealed class GetSkillResult : Result
{
    /// <summary>The skill, shaped as a <c>skills/list</c> entry.</summary>
    public required Skill Skill { get; set; }
}
