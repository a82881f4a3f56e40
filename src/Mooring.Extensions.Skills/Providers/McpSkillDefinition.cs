using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills;

/// <summary>
/// A skill as a provider describes it: the frontmatter of its <c>SKILL.md</c> and every one of its files. The
/// extension turns it into a <c>skill://</c> entry; the provider serves the bytes.
/// </summary>
public sealed class McpSkillDefinition
{
    /// <summary>Describes a skill.</summary>
    /// <param name="frontmatter">
    /// The frontmatter of its <c>SKILL.md</c>, exactly as that file's YAML reads (see <see cref="McpSkillFrontmatter.TryParse"/>);
    /// it is copied.
    /// </param>
    /// <param name="files">Every file of the skill, <see cref="McpSkillConventions.ManifestFileName"/> included, each once.</param>
    /// <exception cref="ArgumentException">The frontmatter breaks the Agent Skills rules, <c>SKILL.md</c> is missing, or a path repeats.</exception>
    public McpSkillDefinition(JsonObject frontmatter, IEnumerable<McpSkillFile> files)
    {
        ArgumentNullException.ThrowIfNull(frontmatter);
        ArgumentNullException.ThrowIfNull(files);
        if (McpSkillFrontmatter.Check(frontmatter) is { } problem)
        {
            throw new ArgumentException(problem, nameof(frontmatter));
        }

        List<McpSkillFile> sorted = [.. files];
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Path == sorted[i - 1].Path)
            {
                throw new ArgumentException($"The file '{sorted[i].Path}' is listed twice.", nameof(files));
            }
        }

        Manifest = sorted.Find(static f => f.Path == McpSkillConventions.ManifestFileName)
            ?? throw new ArgumentException($"A skill needs a {McpSkillConventions.ManifestFileName} at its root.", nameof(files));
        Frontmatter = (JsonObject)frontmatter.DeepClone();
        Name = (string)Frontmatter["name"]!;
        Description = (string)Frontmatter["description"]!;
        Files = sorted;
    }

    /// <summary>The skill's name (the frontmatter's <c>name</c>), which is also the last segment of its path.</summary>
    public string Name { get; }

    /// <summary>The frontmatter's <c>description</c>.</summary>
    public string Description { get; }

    /// <summary>A copy of the frontmatter; changing it changes nothing served.</summary>
    public JsonObject Frontmatter { get; }

    /// <summary>Every file, ordered by path (ordinal).</summary>
    public IReadOnlyList<McpSkillFile> Files { get; }

    /// <summary>The <c>SKILL.md</c> file.</summary>
    public McpSkillFile Manifest { get; }
}
