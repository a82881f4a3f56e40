using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>A file the catalog serves: where it came from and how it is listed.</summary>
/// <param name="Uri">Its resource URI.</param>
/// <param name="Skill">The skill it belongs to.</param>
/// <param name="File">The provider's description of it.</param>
/// <param name="Resource">Its resource metadata (in <c>resources/list</c> for a <c>SKILL.md</c>, and in directory listings).</param>
internal sealed record McpSkillFileEntry(string Uri, McpSkillDefinition Skill, McpSkillFile File, Resource Resource);
