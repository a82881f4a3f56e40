using System.Security.Cryptography;

namespace Mooring.Extensions.Skills;

/// <summary>Digests as SEP-2640 writes them: <c>sha256:</c> and 64 lowercase hexadecimal digits of the raw bytes.</summary>
internal static class McpSkillDigest
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string Compute(ReadOnlySpan<byte> content) =>
        string.Concat(McpSkillConventions.DigestPrefix, Convert.ToHexStringLower(SHA256.HashData(content)));

    public static bool IsWellFormed(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(McpSkillConventions.DigestPrefix, StringComparison.Ordinal)
        && !digest.AsSpan(7).ContainsAnyExcept(LowerHex);
}
