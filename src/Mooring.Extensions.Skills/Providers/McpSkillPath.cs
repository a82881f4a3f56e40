namespace Mooring.Extensions.Skills;

/// <summary>
/// Relative file paths inside a skill: <c>/</c>-separated, with no empty, <c>.</c> or <c>..</c> segment, no
/// backslash and no control character. These are names the catalog knows; requests never become file-system paths
/// (a URI is only ever looked up, exactly, among the ones the catalog made), so this is about what a provider may
/// publish, not the defence against traversal.
/// </summary>
internal static class McpSkillPath
{
    public const int MaxLength = 1024;

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength)
        {
            return false;
        }

        foreach (string segment in path.Split('/'))
        {
            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidSegment(string segment) =>
        segment.Length > 0 && segment is not ("." or "..") && !segment.Contains('\\', StringComparison.Ordinal) && !segment.Any(char.IsControl);
}
