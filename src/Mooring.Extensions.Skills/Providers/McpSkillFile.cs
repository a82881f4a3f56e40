namespace Mooring.Extensions.Skills;

/// <summary>
/// One file of a skill: its path relative to the skill's folder (<c>/</c>-separated), its size and SHA-256 digest,
/// and its MIME type. Providers compute these once, from the bytes they will serve.
/// </summary>
public sealed class McpSkillFile
{
    /// <summary>Describes a file whose digest the provider computed.</summary>
    /// <param name="path">The path relative to the skill's folder, such as <c>SKILL.md</c> or <c>templates/invoice.md</c>.</param>
    /// <param name="size">The length of the file in bytes.</param>
    /// <param name="digest">The SHA-256 of the bytes: <c>sha256:</c> and 64 lowercase hexadecimal digits.</param>
    /// <param name="mimeType">The MIME type.</param>
    /// <exception cref="ArgumentException">The path has an empty, <c>.</c> or <c>..</c> segment, a backslash or a control character, or the digest is malformed.</exception>
    public McpSkillFile(string path, long size, string digest, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (!McpSkillPath.IsValid(path))
        {
            throw new ArgumentException($"'{path}' is not a relative path of '/'-separated names (no empty, '.' or '..' segment, backslash or control character).", nameof(path));
        }

        if (!McpSkillDigest.IsWellFormed(digest))
        {
            throw new ArgumentException("The digest must be 'sha256:' followed by 64 lowercase hexadecimal digits.", nameof(digest));
        }

        Path = path;
        Size = size;
        Digest = digest;
        MimeType = mimeType;
    }

    /// <summary>The path relative to the skill's folder, <c>/</c>-separated.</summary>
    public string Path { get; }

    /// <summary>The length in bytes.</summary>
    public long Size { get; }

    /// <summary>The SHA-256 of the bytes, as <c>sha256:</c> and 64 lowercase hexadecimal digits.</summary>
    public string Digest { get; }

    /// <summary>The MIME type.</summary>
    public string MimeType { get; }

    /// <summary>Describes a file from its bytes: size and digest computed, MIME type from the extension unless given.</summary>
    /// <param name="path">The path relative to the skill's folder.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="mimeType">The MIME type; null picks one from the extension (<c>application/octet-stream</c> when unknown).</param>
    public static McpSkillFile FromContent(string path, ReadOnlySpan<byte> content, string? mimeType = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new McpSkillFile(path, content.Length, McpSkillDigest.Compute(content), mimeType ?? McpSkillMimeTypes.ForPath(path));
    }
}
