using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills;

/// <summary>
/// A skill entry, the same in <c>skills/list</c> and <c>skills/get</c>: the URI of its <c>SKILL.md</c>, that file's
/// frontmatter rendered as JSON, and the complete manifest of its files.
/// </summary>
public sealed class Skill
{
    /// <summary>The resource URI of the skill's <c>SKILL.md</c>, readable with <c>resources/read</c>.</summary>
    public required string Uri { get; set; }

    /// <summary>The <c>SKILL.md</c> YAML frontmatter as a JSON object; <c>name</c> and <c>description</c> are always present.</summary>
    public required JsonObject Frontmatter { get; set; }

    /// <summary>Every file of the skill, <c>SKILL.md</c> included, each once, with its digest and size.</summary>
    public required IList<SkillResource> Resources { get; set; }
}
