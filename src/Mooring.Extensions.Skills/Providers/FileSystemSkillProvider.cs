using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Skills from a folder: each subfolder that holds a <c>SKILL.md</c> is a skill named after the subfolder (which
/// must equal the frontmatter's <c>name</c>), and every file below it belongs to the skill. Sizes and digests are
/// computed once, in <see cref="LoadSkills"/>; a read returns at most the listed size, and the extension serves the
/// bytes only if they still match the digest.
/// </summary>
/// <remarks>
/// Names starting with <c>.</c> (<c>.git</c>, <c>.env</c>) and symbolic links are skipped and never served, so a
/// skill cannot reach outside its folder. A skill over the limits (<see cref="McpSkillsOptions.MaxFilesPerSkill"/>,
/// <see cref="McpSkillsOptions.MaxBytesPerSkill"/>), with refused frontmatter, or with unreadable files is skipped
/// with a warning; the others are served.
/// </remarks>
public sealed class FileSystemSkillProvider : McpSkillProvider
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly int _maxFiles;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private FrozenDictionary<string, string> _paths = FrozenDictionary<string, string>.Empty;

    /// <summary>Creates a provider for the skills under <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">The folder; a relative path is resolved against <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="options">The limits to apply; null uses the defaults (512 files, 16 MiB per skill).</param>
    /// <param name="logger">Where skipped skills and changed files are reported.</param>
    public FileSystemSkillProvider(string rootPath, McpSkillsOptions? options = null, ILogger<FileSystemSkillProvider>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath, AppContext.BaseDirectory));
        options ??= new McpSkillsOptions();
        _maxFiles = options.MaxFilesPerSkill;
        _maxBytes = options.MaxBytesPerSkill;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The folder read, as a full path.</summary>
    public string RootPath { get; }

    /// <inheritdoc />
    public override IReadOnlyList<McpSkillDefinition> LoadSkills()
    {
        var root = new DirectoryInfo(RootPath);
        if (!root.Exists)
        {
            McpSkillsLog.RootMissing(_logger, RootPath);
            _paths = FrozenDictionary<string, string>.Empty;
            return [];
        }

        List<McpSkillDefinition> skills = [];
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DirectoryInfo folder in root.EnumerateDirectories().OrderBy(static d => d.Name, StringComparer.Ordinal))
        {
            if (Skippable(folder) is { } reason)
            {
                McpSkillsLog.EntryIgnored(_logger, folder.FullName, reason);
                continue;
            }

            var manifest = new FileInfo(Path.Combine(folder.FullName, McpSkillConventions.ManifestFileName));
            if (!manifest.Exists || manifest.LinkTarget is not null)
            {
                McpSkillsLog.EntryIgnored(_logger, folder.FullName, $"no {McpSkillConventions.ManifestFileName} file, so not a skill");
                continue;
            }

            try
            {
                if (TryLoad(folder, paths, out McpSkillDefinition? skill, out string? problem))
                {
                    skills.Add(skill);
                }
                else
                {
                    McpSkillsLog.SkillSkipped(_logger, folder.Name, problem);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                McpSkillsLog.SkillUnreadable(_logger, ex, folder.Name);
            }
        }

        _paths = paths.ToFrozenDictionary(StringComparer.Ordinal);
        return skills;
    }

    /// <inheritdoc />
    public override async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(McpSkillDefinition skill, McpSkillFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(file);
        if (!_paths.TryGetValue(Key(skill.Name, file.Path), out string? fullPath))
        {
            return null;
        }

        byte[] content;
        try
        {
            // Never more than the size the digest covers (plus one byte to notice growth): whatever the path now
            // points at, a read cannot be turned into an unbounded one.
            var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
            await using ConfiguredAsyncDisposable owner = stream.ConfigureAwait(false);
            content = new byte[file.Size + 1];
            int total = 0;
            int read;
            while (total < content.Length && (read = await stream.ReadAsync(content.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            if (total != file.Size)
            {
                McpSkillsLog.FileChanged(_logger, skill.Name, file.Path);
                return null;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            McpSkillsLog.FileChanged(_logger, skill.Name, file.Path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            McpSkillsLog.FileUnreadable(_logger, ex, skill.Name, file.Path);
            return null;
        }

        // The extension checks the digest of whatever a provider returns, so a file changed in place is refused there.
        return content.AsMemory(0, (int)file.Size);
    }

    private static string Key(string skill, string path) => string.Concat(skill, "/", path);

    /// <summary>Why an entry is never served: hidden (a dot name) or a symbolic link, which could lead outside the folder.</summary>
    private static string? Skippable(FileSystemInfo entry) =>
        entry.Name.StartsWith('.') ? "hidden (name starts with '.')"
        : entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint) ? "a symbolic link"
        : null;

    private bool TryLoad(DirectoryInfo folder, Dictionary<string, string> paths, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out McpSkillDefinition? skill, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        skill = null;
        if (!McpSkillFrontmatter.IsValidName(folder.Name))
        {
            problem = "the folder name breaks the skill naming rules (1-64 lowercase letters, digits and single hyphens).";
            return false;
        }

        if (!TryCollect(folder, out List<(string Path, FileInfo File)> found, out problem))
        {
            return false;
        }

        long total = found.Sum(static f => f.File.Length);
        if (total > _maxBytes)
        {
            problem = $"its files total {total} bytes, more than the limit of {_maxBytes}.";
            return false;
        }

        List<McpSkillFile> files = [];
        JsonObject? frontmatter = null;
        long read = 0;
        foreach ((string path, FileInfo info) in found)
        {
            byte[] content = File.ReadAllBytes(info.FullName);
            read += content.Length;
            if (read > _maxBytes)
            {
                problem = $"its files total more than the limit of {_maxBytes} bytes.";
                return false;
            }

            files.Add(McpSkillFile.FromContent(path, content));
            if (path == McpSkillConventions.ManifestFileName && !TryReadFrontmatter(content, out frontmatter, out problem))
            {
                return false;
            }
        }

        if (frontmatter is null)
        {
            problem = $"{McpSkillConventions.ManifestFileName} could not be read.";
            return false;
        }

        if ((string?)frontmatter["name"] != folder.Name)
        {
            problem = $"its frontmatter name '{(string?)frontmatter["name"]}' differs from the folder name.";
            return false;
        }

        skill = new McpSkillDefinition(frontmatter, files);
        foreach ((string path, FileInfo info) in found)
        {
            paths[Key(skill.Name, path)] = info.FullName;
        }

        problem = null;
        return true;
    }

    private static bool TryReadFrontmatter(byte[] content, out JsonObject? frontmatter, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        frontmatter = null;
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            problem = $"{McpSkillConventions.ManifestFileName} is not valid UTF-8.";
            return false;
        }

        if (!McpSkillFrontmatter.TryParse(text, out frontmatter, out string? error))
        {
            problem = $"{McpSkillConventions.ManifestFileName}: {error}";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Walks the skill's folder breadth-first, skipping hidden entries and links, and stops as soon as the file limit
    /// (or as many folders) is passed, so a huge tree is never walked to the end.
    /// </summary>
    private bool TryCollect(DirectoryInfo folder, out List<(string Path, FileInfo File)> found, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        found = [];
        var pending = new Queue<(DirectoryInfo Folder, string Prefix)>();
        pending.Enqueue((folder, string.Empty));
        int folders = 0;
        while (pending.TryDequeue(out (DirectoryInfo Folder, string Prefix) current))
        {
            if (++folders > _maxFiles)
            {
                problem = $"it has more than {_maxFiles} folders.";
                return false;
            }

            foreach (FileSystemInfo entry in current.Folder.EnumerateFileSystemInfos().OrderBy(static e => e.Name, StringComparer.Ordinal))
            {
                if (Skippable(entry) is { } reason)
                {
                    McpSkillsLog.EntryIgnored(_logger, entry.FullName, reason);
                    continue;
                }

                if (!McpSkillPath.IsValidSegment(entry.Name))
                {
                    McpSkillsLog.EntryIgnored(_logger, entry.FullName, "the name cannot be part of a resource URI");
                    continue;
                }

                string path = current.Prefix + entry.Name;
                if (path.Length > McpSkillPath.MaxLength)
                {
                    McpSkillsLog.EntryIgnored(_logger, entry.FullName, "its path inside the skill is too long");
                    continue;
                }

                if (entry is DirectoryInfo child)
                {
                    pending.Enqueue((child, path + "/"));
                }
                else if (entry is FileInfo file)
                {
                    found.Add((path, file));
                    if (found.Count > _maxFiles)
                    {
                        problem = $"it has more than {_maxFiles} files.";
                        return false;
                    }
                }
            }
        }

        problem = null;
        return true;
    }
}
