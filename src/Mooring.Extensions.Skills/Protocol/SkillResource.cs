namespace Mooring.Extensions.Skills;

/// <summary>One file of a skill's manifest: its resource URI and the digest and size of its exact bytes.</summary>
public sealed class SkillResource
{
    /// <summary>The file's resource URI.</summary>
    public required string Uri { get; set; }

    /// <summary>The SHA-256 of the file's bytes, as <c>sha256:</c> followed by 64 lowercase hexadecimal digits.</summary>
    public required string Digest { get; set; }

    /// <summary>The file's length in bytes (the bytes the digest covers).</summary>
    public required long Size { get; set; }
}
