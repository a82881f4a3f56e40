using System.Collections.Frozen;

namespace Mooring.Extensions.Skills;

/// <summary>
/// MIME types of skill files by extension, for the kinds of files skills hold (instructions, scripts, templates,
/// data, images); anything else is <c>application/octet-stream</c>. Text types are served as text when the bytes
/// are valid UTF-8, everything else as base64.
/// </summary>
internal static class McpSkillMimeTypes
{
    public const string Binary = "application/octet-stream";

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = McpSkillConventions.ManifestMimeType,
        [".markdown"] = McpSkillConventions.ManifestMimeType,
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".css"] = "text/css",
        [".xml"] = "application/xml",
        [".json"] = "application/json",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".toml"] = "application/toml",
        [".js"] = "text/javascript",
        [".mjs"] = "text/javascript",
        [".ts"] = "text/x-typescript",
        [".py"] = "text/x-python",
        [".sh"] = "application/x-sh",
        [".ps1"] = "text/plain",
        [".cs"] = "text/x-csharp",
        [".sql"] = "application/sql",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> TextApplicationTypes = new[]
    {
        "application/xml", "application/json", "application/yaml", "application/toml", "application/x-sh", "application/sql", "image/svg+xml",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string ForPath(string path)
    {
        string extension = Path.GetExtension(path);
        return ByExtension.TryGetValue(extension, out string? type) ? type : Binary;
    }

    public static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || TextApplicationTypes.Contains(mimeType);
}
