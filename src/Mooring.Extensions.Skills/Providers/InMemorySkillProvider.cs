using System.Text;
using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Skills held in memory: for tests, and for skills a program builds rather than ships as files. Add them before
/// the server is built; the server takes its snapshot then, so later additions reach only servers built later.
/// </summary>
public sealed class InMemorySkillProvider : McpSkillProvider
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _skills = new(StringComparer.Ordinal);

    /// <summary>Adds a skill from the text of its <c>SKILL.md</c> and its other files' bytes.</summary>
    /// <param name="skillMarkdown">The <c>SKILL.md</c> text, starting with its YAML frontmatter; served as UTF-8.</param>
    /// <param name="files">The other files by path relative to the skill's folder (such as <c>templates/invoice.md</c>); their MIME types come from the extension.</param>
    /// <returns>This provider, to chain calls.</returns>
    /// <exception cref="ArgumentException">The frontmatter is refused (see <see cref="McpSkillFrontmatter.TryParse"/>), a path is not a valid relative path, or <c>SKILL.md</c> is among the files.</exception>
    /// <exception cref="InvalidOperationException">A skill with the same name was added.</exception>
    public InMemorySkillProvider Add(string skillMarkdown, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        ArgumentNullException.ThrowIfNull(skillMarkdown);
        if (!McpSkillFrontmatter.TryParse(skillMarkdown, out JsonObject? frontmatter, out string? error))
        {
            throw new ArgumentException(error, nameof(skillMarkdown));
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [McpSkillConventions.ManifestFileName] = Utf8.GetBytes(skillMarkdown),
        };
        foreach (KeyValuePair<string, byte[]> file in files ?? new Dictionary<string, byte[]>())
        {
            ArgumentNullException.ThrowIfNull(file.Value, nameof(files));
            if (file.Key == McpSkillConventions.ManifestFileName)
            {
                throw new ArgumentException($"{McpSkillConventions.ManifestFileName} is given by skillMarkdown.", nameof(files));
            }

            contents.Add(file.Key, (byte[])file.Value.Clone());
        }

        var definition = new McpSkillDefinition(frontmatter, contents.Select(static c => McpSkillFile.FromContent(c.Key, c.Value)));
        lock (_gate)
        {
            if (!_skills.TryAdd(definition.Name, new Entry(definition, contents)))
            {
                throw new InvalidOperationException($"A skill named '{definition.Name}' was already added.");
            }
        }

        return this;
    }

    /// <summary>Adds a skill from the text of its <c>SKILL.md</c> and its other files' texts (served as UTF-8).</summary>
    /// <param name="skillMarkdown">The <c>SKILL.md</c> text, starting with its YAML frontmatter.</param>
    /// <param name="textFiles">The other files' texts by path relative to the skill's folder.</param>
    /// <returns>This provider, to chain calls.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Add(string, IReadOnlyDictionary{string, byte[]}?)"/>.</exception>
    /// <exception cref="InvalidOperationException">A skill with the same name was added.</exception>
    public InMemorySkillProvider Add(string skillMarkdown, IReadOnlyDictionary<string, string> textFiles)
    {
        ArgumentNullException.ThrowIfNull(textFiles);
        return Add(skillMarkdown, textFiles.ToDictionary(static f => f.Key, static f => Utf8.GetBytes(f.Value ?? throw new ArgumentException("A file's text is null.", nameof(textFiles))), StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public override IReadOnlyList<McpSkillDefinition> LoadSkills()
    {
        lock (_gate)
        {
            return [.. _skills.Values.Select(static e => e.Definition)];
        }
    }

    /// <inheritdoc />
    public override ValueTask<ReadOnlyMemory<byte>?> ReadAsync(McpSkillDefinition skill, McpSkillFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(file);
        Entry? entry;
        lock (_gate)
        {
            _skills.TryGetValue(skill.Name, out entry);
        }

        ReadOnlyMemory<byte>? content = entry is not null && ReferenceEquals(entry.Definition, skill) && entry.Contents.TryGetValue(file.Path, out byte[]? bytes)
            ? bytes
            : null;
        return ValueTask.FromResult(content);
    }

    private sealed record Entry(McpSkillDefinition Definition, Dictionary<string, byte[]> Contents);
}
