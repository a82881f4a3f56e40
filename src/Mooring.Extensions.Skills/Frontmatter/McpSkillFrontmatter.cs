using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Reads and checks the YAML frontmatter that opens every <c>SKILL.md</c>: a <c>---</c> line, <c>key: value</c>
/// lines, and a closing <c>---</c> line. The YAML is read strictly (a documented subset, see the remarks), so that
/// the JSON a skill entry carries is exactly what a host's YAML parser makes of the same file, and then checked
/// against the Agent Skills rules: <c>name</c> (1–64 lowercase letters, digits and single hyphens),
/// <c>description</c> (1–1024 characters), <c>compatibility</c> (at most 500), <c>metadata</c> (a map of strings,
/// with no key under the reserved <c>io.modelcontextprotocol/</c> prefix); any other field passes through as written.
/// </summary>
/// <remarks>
/// Supported: one <c>key: value</c> per line with a plain, <c>'single'</c> or <c>"double"</c>-quoted string value
/// on that line; a <c>key:</c> line followed by evenly indented <c>key: value</c> lines (one level, for
/// <c>metadata</c>); comments and blank lines. Refused with the line number: sequences, flow collections, block
/// scalars, multi-line values, anchors and tags, duplicate keys, tab indentation, and plain values YAML would read as
/// something other than a string (<c>true</c>, <c>1.0</c>, <c>2025-01-01</c>, <c>null</c>): quote those.
/// </remarks>
public static partial class McpSkillFrontmatter
{
    private const int MaxNameLength = 64;
    private const int MaxDescriptionLength = 1024;
    private const int MaxCompatibilityLength = 500;

    /// <summary>
    /// Reads the frontmatter of a <c>SKILL.md</c> and checks it. Returns false, with a message naming the problem
    /// (and its line), when the file has no frontmatter, the YAML is outside the supported subset, or a field breaks
    /// the Agent Skills rules.
    /// </summary>
    /// <param name="markdown">The whole <c>SKILL.md</c> text; a leading byte-order mark is ignored.</param>
    /// <param name="frontmatter">The frontmatter as a JSON object of strings (and maps of strings).</param>
    /// <param name="error">Why the file was refused.</param>
    public static bool TryParse(string markdown, [NotNullWhen(true)] out JsonObject? frontmatter, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        frontmatter = null;
        if (!TryExtract(markdown, out string? yaml, out error))
        {
            return false;
        }

        if (!McpSkillYamlReader.TryRead(yaml, out JsonObject parsed, out error))
        {
            return false;
        }

        error = Check(parsed);
        if (error is not null)
        {
            return false;
        }

        frontmatter = parsed;
        return true;
    }

    /// <summary>
    /// True when <paramref name="name"/> follows the Agent Skills naming rules: 1–64 characters of lowercase letters,
    /// digits and hyphens, not starting or ending with a hyphen, with no two hyphens in a row.
    /// </summary>
    public static bool IsValidName([NotNullWhen(true)] string? name) => name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    /// <summary>Checks the fields of an already parsed frontmatter; returns the first problem, or null.</summary>
    internal static string? Check(JsonObject frontmatter)
    {
        if (!TryGetString(frontmatter, "name", out string? name))
        {
            return "frontmatter has no string 'name'.";
        }

        if (!IsValidName(name))
        {
            return $"name '{name}' breaks the naming rules (1-64 lowercase letters, digits and single hyphens, not at either end).";
        }

        if (!TryGetString(frontmatter, "description", out string? description) || string.IsNullOrWhiteSpace(description))
        {
            return "frontmatter has no non-empty string 'description'.";
        }

        if (description.Length > MaxDescriptionLength)
        {
            return $"description is longer than {MaxDescriptionLength} characters.";
        }

        if (frontmatter.ContainsKey("compatibility") && (!TryGetString(frontmatter, "compatibility", out string? compatibility) || compatibility.Length is 0 or > MaxCompatibilityLength))
        {
            return $"compatibility must be a string of 1-{MaxCompatibilityLength} characters.";
        }

        foreach (string field in (ReadOnlySpan<string>)["license", "allowed-tools"])
        {
            if (frontmatter.ContainsKey(field) && !TryGetString(frontmatter, field, out _))
            {
                return $"{field} must be a string.";
            }
        }

        if (frontmatter.ContainsKey("metadata"))
        {
            if (frontmatter["metadata"] is not JsonObject metadata)
            {
                return "metadata must be a map of strings.";
            }

            foreach (KeyValuePair<string, JsonNode?> entry in metadata)
            {
                if (entry.Key.StartsWith(McpSkillConventions.ReservedMetadataPrefix, StringComparison.Ordinal))
                {
                    return $"metadata key '{entry.Key}' uses the prefix '{McpSkillConventions.ReservedMetadataPrefix}', which is reserved for MCP extensions.";
                }

                if (entry.Value is not JsonValue value || !value.TryGetValue(out string? _))
                {
                    return $"metadata value '{entry.Key}' must be a string.";
                }
            }
        }

        return null;
    }

    /// <summary>The YAML between the opening <c>---</c> line and the first closing <c>---</c> line.</summary>
    private static bool TryExtract(string markdown, [NotNullWhen(true)] out string? yaml, [NotNullWhen(false)] out string? error)
    {
        yaml = null;
        ReadOnlySpan<char> text = markdown.AsSpan();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        int firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 || !IsDelimiter(text[..firstEnd], opening: true))
        {
            error = "SKILL.md must begin with a '---' line that opens the YAML frontmatter.";
            return false;
        }

        int start = firstEnd + 1;
        int position = start;
        while (position <= text.Length)
        {
            int end = text[position..].IndexOf('\n');
            ReadOnlySpan<char> line = end < 0 ? text[position..] : text.Slice(position, end);
            if (IsDelimiter(line, opening: false) && position > start)
            {
                // The YAML ends before the newline that precedes the closing line.
                int yamlEnd = position - 1;
                if (yamlEnd > start && text[yamlEnd - 1] == '\r')
                {
                    yamlEnd--;
                }

                yaml = text[start..yamlEnd].ToString();
                error = null;
                return true;
            }

            if (end < 0)
            {
                break;
            }

            position += end + 1;
        }

        error = "the YAML frontmatter has no closing '---' line.";
        return false;
    }

    /// <summary>The opening line is exactly <c>---</c>; the closing one may carry trailing spaces or tabs.</summary>
    private static bool IsDelimiter(ReadOnlySpan<char> line, bool opening)
    {
        line = line.TrimEnd('\r');
        if (!line.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = line[3..];
        return opening ? rest.IsEmpty : rest.TrimEnd(" \t").IsEmpty;
    }

    private static bool TryGetString(JsonObject frontmatter, string key, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return frontmatter[key] is JsonValue node && node.TryGetValue(out value);
    }

    [GeneratedRegex("^(?!.*--)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
