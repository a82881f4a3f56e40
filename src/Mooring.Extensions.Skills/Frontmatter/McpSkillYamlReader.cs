using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Reads the YAML subset that skill frontmatter needs, strictly: <c>key: value</c> lines whose values are strings
/// (plain, single- or double-quoted, each on one line), and one level of nested <c>key: value</c> lines under a
/// <c>key:</c> line (the <c>metadata</c> map). Everything else (sequences, flow collections, block scalars,
/// multi-line values, anchors, tags, duplicate keys) is refused with the line number, rather than read differently
/// from a full YAML parser: the frontmatter an entry carries must be identical to what a host's parser makes of
/// the file. For the same reason a plain value that YAML would read as a null, boolean, number or date is refused
/// (quote it), since it would not be a string there.
/// </summary>
internal static partial class McpSkillYamlReader
{
    public static bool TryRead(string yaml, out JsonObject result, [NotNullWhen(false)] out string? error)
    {
        result = [];
        error = null;
        string[] lines = yaml.Split('\n');
        JsonObject? map = null;
        string? mapKey = null;
        int mapIndent = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int number = i + 1;
            string content = line.TrimStart(' ');
            if (content.Length == 0 || content.StartsWith('#') || content.Trim(' ', '\t').Length == 0)
            {
                continue;
            }

            if (content[0] == '\t')
            {
                return Fail(number, "tabs are not allowed in indentation", out error);
            }

            int indent = line.Length - content.Length;
            if (indent > 0)
            {
                if (mapKey is null)
                {
                    return Fail(number, "unexpected indentation (values must fit on one line; nested maps need a 'key:' line with no value)", out error);
                }

                if (map is null)
                {
                    map = [];
                    mapIndent = indent;
                    result[mapKey] = map;
                }
                else if (indent != mapIndent)
                {
                    return Fail(number, "only one level of nesting, evenly indented, is supported", out error);
                }

                if (!TryReadEntry(content, number, map, out string? nested, out error))
                {
                    return false;
                }

                if (nested is not null)
                {
                    return Fail(number, "only one level of nesting is supported", out error);
                }

                continue;
            }

            if (mapKey is not null && map is null)
            {
                return Fail(number - 1, $"'{mapKey}' has no value", out error);
            }

            mapKey = null;
            map = null;
            if (!TryReadEntry(content, number, result, out mapKey, out error))
            {
                return false;
            }
        }

        if (mapKey is not null && map is null)
        {
            return Fail(lines.Length, $"'{mapKey}' has no value", out error);
        }

        return true;
    }

    /// <summary>
    /// Reads <c>key: value</c> into <paramref name="target"/>. A bare <c>key:</c> reserves the key (so a duplicate is
    /// caught) and returns it in <paramref name="opensMap"/>: the caller expects indented lines next.
    /// </summary>
    private static bool TryReadEntry(string content, int number, JsonObject target, out string? opensMap, [NotNullWhen(false)] out string? error)
    {
        opensMap = null;
        error = null;
        if (content.StartsWith("- ", StringComparison.Ordinal) || content == "-")
        {
            return Fail(number, "sequences are not supported", out error);
        }

        int colon = FindKeyColon(content);
        if (colon < 0)
        {
            return Fail(number, "expected 'key: value'", out error);
        }

        string key = content[..colon];
        if (!KeyPattern().IsMatch(key))
        {
            return Fail(number, $"'{Shorten(key)}' is not a supported key (letters, digits, '_', '-', '.', '/')", out error);
        }

        if (target.ContainsKey(key))
        {
            return Fail(number, $"duplicate key '{key}'", out error);
        }

        string rest = content[(colon + 1)..].TrimStart(' ', '\t');
        if (rest.Length == 0 || rest[0] == '#')
        {
            target[key] = null;
            opensMap = key;
            return true;
        }

        if (!TryReadScalar(rest, number, out string? value, out error))
        {
            return false;
        }

        target[key] = value;
        return true;
    }

    /// <summary>The colon that ends the key: followed by a space, a tab or the end of the line.</summary>
    private static int FindKeyColon(string content)
    {
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] is ' ' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadScalar(string text, int number, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        return text[0] switch
        {
            '"' => TryReadDoubleQuoted(text, number, out value, out error),
            '\'' => TryReadSingleQuoted(text, number, out value, out error),
            _ => TryReadPlain(text, number, out value, out error),
        };
    }

    private static bool TryReadPlain(string text, int number, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        int comment = text.IndexOf(" #", StringComparison.Ordinal);
        int tabComment = text.IndexOf("\t#", StringComparison.Ordinal);
        if (tabComment >= 0 && (comment < 0 || tabComment < comment))
        {
            comment = tabComment;
        }

        string plain = (comment >= 0 ? text[..comment] : text).TrimEnd(' ', '\t');
        if ("[]{}#&*!|>%@`,".Contains(plain[0], StringComparison.Ordinal) || (plain[0] is '-' or '?' or ':' && (plain.Length == 1 || plain[1] is ' ' or '\t')))
        {
            return Fail(number, $"a value starting with '{plain[0]}' is not a plain string here (quote it)", out error);
        }

        if (plain.Contains(": ", StringComparison.Ordinal) || plain.Contains(":\t", StringComparison.Ordinal) || plain.EndsWith(':'))
        {
            return Fail(number, "a plain value cannot contain ': ' or end with ':' (quote it)", out error);
        }

        if (NotAString().IsMatch(plain))
        {
            return Fail(number, $"'{Shorten(plain)}' would be read by YAML as a null, boolean, number or date, not a string (quote it)", out error);
        }

        value = plain;
        error = null;
        return true;
    }

    private static bool TryReadSingleQuoted(string text, int number, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var builder = new System.Text.StringBuilder();
        int i = 1;
        while (true)
        {
            if (i >= text.Length)
            {
                return Fail(number, "unterminated single-quoted value (values must fit on one line)", out error);
            }

            char c = text[i];
            if (c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                break;
            }

            builder.Append(c);
            i++;
        }

        return TryEndQuoted(text, i + 1, number, builder.ToString(), out value, out error);
    }

    private static bool TryReadDoubleQuoted(string text, int number, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var builder = new System.Text.StringBuilder();
        int i = 1;
        while (true)
        {
            if (i >= text.Length)
            {
                return Fail(number, "unterminated double-quoted value (values must fit on one line)", out error);
            }

            char c = text[i];
            if (c == '"')
            {
                break;
            }

            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                return Fail(number, "unterminated double-quoted value (values must fit on one line)", out error);
            }

            char escape = text[i + 1];
            i += 2;
            switch (escape)
            {
                case '"' or '\\' or '/':
                    builder.Append(escape);
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 'u' when i + 4 <= text.Length && ushort.TryParse(text.AsSpan(i, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out ushort code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    return Fail(number, $"the escape '\\{escape}' is not supported (use \\\", \\\\, \\/, \\n, \\t, \\r or \\uXXXX)", out error);
            }
        }

        return TryEndQuoted(text, i + 1, number, builder.ToString(), out value, out error);
    }

    /// <summary>After a closing quote only whitespace and a comment may follow.</summary>
    private static bool TryEndQuoted(string text, int after, int number, string parsed, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        string rest = text[after..];
        string trimmed = rest.TrimStart(' ', '\t');
        if (trimmed.Length > 0 && !(trimmed[0] == '#' && trimmed.Length < rest.Length))
        {
            return Fail(number, "unexpected text after a quoted value", out error);
        }

        value = parsed;
        error = null;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static bool Fail(int line, string message, [NotNull] out string? error)
    {
        error = $"frontmatter line {line}: {message}.";
        return false;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    // The YAML 1.2 core schema's null, boolean, integer and float forms (as js-yaml reads them, underscores included),
    // plus the timestamps js-yaml's default schema adds.
    [GeneratedRegex(
        @"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE" +
        @"|[-+]?[0-9][0-9_]*|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7_]+" +
        @"|[-+]?(\.[0-9][0-9_]*|[0-9][0-9_]*\.[0-9_]*|[0-9][0-9_]*)([eE][-+]?[0-9]+)?" +
        @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)" +
        @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex NotAString();
}
