using System.Text.RegularExpressions;

namespace Mooring.Extensions.Skills;

/// <summary>
/// How the catalog names things: <c>skill://[authority/]name</c> for a skill's folder, then one escaped segment per
/// folder or file below it (<c>skill://acme/pdf/templates/invoice.md</c>); directories have no trailing slash.
/// </summary>
internal static partial class McpSkillUris
{
    private const string SchemePrefix = McpSkillConventions.Scheme + "://";

    /// <summary>A lowercase host name: a reg-name (RFC 3986) that no client will case-fold or percent-encode.</summary>
    public static bool IsValidAuthority(string authority) => authority.Length <= 253 && AuthorityPattern().IsMatch(authority);

    /// <summary>The folder that lists every skill under an authority.</summary>
    public static string Namespace(string authority) => SchemePrefix + authority;

    public static string SkillFolder(string? authority, string name) => authority is null ? SchemePrefix + name : $"{SchemePrefix}{authority}/{name}";

    /// <summary>A file or folder below <paramref name="folderUri"/>; each segment is percent-encoded (a space, <c>#</c> or <c>?</c> cannot break the URI).</summary>
    public static string Child(string folderUri, string segment) => string.Concat(folderUri, "/", Uri.EscapeDataString(segment));

    /// <summary>The resource template that matches every skill file.</summary>
    public static string FilesTemplate(string? authority) => authority is null ? SchemePrefix + "{+path}" : $"{SchemePrefix}{authority}/{{+path}}";

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorityPattern();
}
