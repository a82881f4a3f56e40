using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>Params of <c>skills/get</c>.</summary>
public sealed class GetSkillRequestParams : RequestParams
{
    /// <summary>The URI of the skill's <c>SKILL.md</c>.</summary>
    public required string Uri { get; set; }
}
