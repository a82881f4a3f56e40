namespace Mooring.Extensions.Skills;

/// <summary>The names, MIME types, keys and limits that SEP-2640 and the Agent Skills specification fix.</summary>
public static class McpSkillConventions
{
    /// <summary>The URI scheme of skill resources.</summary>
    public const string Scheme = "skill";

    /// <summary>The file every skill has at its root, and the last segment of its URI.</summary>
    public const string ManifestFileName = "SKILL.md";

    /// <summary>The MIME type of <c>SKILL.md</c>.</summary>
    public const string ManifestMimeType = "text/markdown";

    /// <summary>The MIME type of a directory resource.</summary>
    public const string DirectoryMimeType = "inode/directory";

    /// <summary>The extension setting that declares <c>resources/directory/read</c>.</summary>
    public const string DirectoryReadSetting = "directoryRead";

    /// <summary>The prefix of every digest (SHA-256 of a file's raw bytes, lowercase hexadecimal).</summary>
    public const string DigestPrefix = "sha256:";

    /// <summary>Frontmatter <c>metadata</c> keys under this prefix are reserved for MCP extensions (none is defined).</summary>
    public const string ReservedMetadataPrefix = "io.modelcontextprotocol/";

    /// <summary>The most files a skill may have, <c>SKILL.md</c> included, that every host must accept.</summary>
    public const int MaxFilesPerSkill = 512;

    /// <summary>The largest total size of a skill's files that every host must accept: 16 MiB.</summary>
    public const long MaxBytesPerSkill = 16L * 1024 * 1024;
}
