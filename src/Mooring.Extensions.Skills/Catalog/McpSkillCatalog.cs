using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Mooring.Protocol;

namespace Mooring.Extensions.Skills;

/// <summary>
/// The snapshot the extension serves: the skill entries, every file by URI, and every directory's children, all
/// computed once from the provider's skills. Requests are answered by exact lookups of the URIs built here, never by
/// turning a requested URI into a path, so <c>..</c>, absolute paths or encoded separators simply match nothing.
/// </summary>
internal sealed class McpSkillCatalog
{
    private readonly FrozenDictionary<string, Skill> _skills;
    private readonly FrozenDictionary<string, McpSkillFileEntry> _files;
    private readonly FrozenDictionary<string, IReadOnlyList<Resource>> _directories;

    private McpSkillCatalog(List<Skill> skills, List<McpSkillFileEntry> manifests, Dictionary<string, McpSkillFileEntry> files, Dictionary<string, Dictionary<string, Resource>> directories)
    {
        skills.Sort(static (a, b) => string.CompareOrdinal(a.Uri, b.Uri));
        Skills = skills;
        Manifests = manifests;
        _skills = skills.ToFrozenDictionary(static s => s.Uri, StringComparer.Ordinal);
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
        _directories = directories.ToFrozenDictionary(
            static d => d.Key,
            static d => (IReadOnlyList<Resource>)[.. d.Value.Values.OrderBy(static r => r.Uri, StringComparer.Ordinal)],
            StringComparer.Ordinal);
    }

    public static McpSkillCatalog Empty { get; } = new([], [], [], []);

    /// <summary>The entries, ordered by URI (ordinal).</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>The <c>SKILL.md</c> of every skill.</summary>
    public IReadOnlyList<McpSkillFileEntry> Manifests { get; }

    /// <summary>How many files are served, <c>SKILL.md</c> files included.</summary>
    public int FileCount => _files.Count;

    /// <summary>Builds the snapshot; a skill over the limits or with a name already taken is skipped with a warning.</summary>
    public static McpSkillCatalog Build(IEnumerable<McpSkillDefinition> definitions, McpSkillsOptions options, ILogger logger)
    {
        List<Skill> skills = [];
        List<McpSkillFileEntry> manifests = [];
        var files = new Dictionary<string, McpSkillFileEntry>(StringComparer.Ordinal);
        var directories = new Dictionary<string, Dictionary<string, Resource>>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? authority = options.Authority;
        foreach (McpSkillDefinition definition in definitions.OrderBy(static d => d.Name, StringComparer.Ordinal))
        {
            if (Refusal(definition, options, names) is { } reason)
            {
                McpSkillsLog.SkillSkipped(logger, definition.Name, reason);
                continue;
            }

            string folder = McpSkillUris.SkillFolder(authority, definition.Name);
            Folder(directories, folder);
            if (authority is not null)
            {
                Child(directories, McpSkillUris.Namespace(authority), new Resource { Uri = folder, Name = definition.Name, Description = definition.Description, MimeType = McpSkillConventions.DirectoryMimeType });
            }

            List<SkillResource> manifest = [];
            foreach (McpSkillFile file in definition.Files)
            {
                McpSkillFileEntry entry = Add(directories, folder, definition, file);
                files.Add(entry.Uri, entry);
                manifest.Add(new SkillResource { Uri = entry.Uri, Digest = file.Digest, Size = file.Size });
                if (ReferenceEquals(file, definition.Manifest))
                {
                    manifests.Add(entry);
                }
            }

            skills.Add(new Skill
            {
                Uri = McpSkillUris.Child(folder, McpSkillConventions.ManifestFileName),
                Frontmatter = (JsonObject)definition.Frontmatter.DeepClone(),
                Resources = manifest,
            });
        }

        return new McpSkillCatalog(skills, manifests, files, directories);
    }

    public bool TryGetSkill(string uri, [NotNullWhen(true)] out Skill? skill) => _skills.TryGetValue(uri, out skill);

    public bool TryGetFile(string uri, [NotNullWhen(true)] out McpSkillFileEntry? file) => _files.TryGetValue(uri, out file);

    public bool TryGetDirectory(string uri, [NotNullWhen(true)] out IReadOnlyList<Resource>? children) => _directories.TryGetValue(uri, out children);

    private static string? Refusal(McpSkillDefinition definition, McpSkillsOptions options, HashSet<string> names)
    {
        if (definition.Files.Count > options.MaxFilesPerSkill)
        {
            return $"it has {definition.Files.Count} files, more than the limit of {options.MaxFilesPerSkill}.";
        }

        long total = definition.Files.Sum(static f => f.Size);
        if (total > options.MaxBytesPerSkill)
        {
            return $"its files total {total} bytes, more than the limit of {options.MaxBytesPerSkill}.";
        }

        return names.Add(definition.Name) ? null : "another skill has the same name.";
    }

    /// <summary>Adds a file, and the folders on its path as children of their parents.</summary>
    private static McpSkillFileEntry Add(Dictionary<string, Dictionary<string, Resource>> directories, string skillFolder, McpSkillDefinition skill, McpSkillFile file)
    {
        string parent = skillFolder;
        string[] segments = file.Path.Split('/');
        for (int i = 0; i < segments.Length - 1; i++)
        {
            string folder = McpSkillUris.Child(parent, segments[i]);
            Child(directories, parent, new Resource { Uri = folder, Name = segments[i], MimeType = McpSkillConventions.DirectoryMimeType });
            Folder(directories, folder);
            parent = folder;
        }

        string uri = McpSkillUris.Child(parent, segments[^1]);
        bool isManifest = ReferenceEquals(file, skill.Manifest);

        // SKILL.md is listed as the skill itself: its name and description come from the frontmatter.
        Resource resource = isManifest
            ? new Resource { Uri = uri, Name = skill.Name, Description = skill.Description, MimeType = McpSkillConventions.ManifestMimeType, Size = file.Size }
            : new Resource { Uri = uri, Name = segments[^1], MimeType = file.MimeType, Size = file.Size };
        Child(directories, parent, resource);
        return new McpSkillFileEntry(uri, skill, file, resource);
    }

    private static void Folder(Dictionary<string, Dictionary<string, Resource>> directories, string uri)
    {
        if (!directories.ContainsKey(uri))
        {
            directories[uri] = new Dictionary<string, Resource>(StringComparer.Ordinal);
        }
    }

    private static void Child(Dictionary<string, Dictionary<string, Resource>> directories, string folder, Resource child)
    {
        Folder(directories, folder);
        directories[folder].TryAdd(child.Uri, child);
    }
}
