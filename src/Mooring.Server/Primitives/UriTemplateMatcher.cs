using System.Text;
using System.Text.RegularExpressions;

namespace Mooring.Server;

/// <summary>
/// Matches URIs against an RFC 6570 template of simple expressions: <c>{var}</c> matches one path segment (no
/// <c>/</c>, <c>?</c> or <c>#</c>), <c>{+var}</c> matches any reserved characters too. Variables are unescaped.
/// </summary>
internal sealed class UriTemplateMatcher
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _regex;

    public UriTemplateMatcher(string template)
    {
        var pattern = new StringBuilder("^");
        var names = new List<string>();
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0)
            {
                pattern.Append(Regex.Escape(template[i..]));
                break;
            }

            int close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new ArgumentException($"Unclosed expression in URI template '{template}'.", nameof(template));
            }

            pattern.Append(Regex.Escape(template[i..open]));
            string expression = template[(open + 1)..close];
            bool reserved = expression.StartsWith('+');
            string name = reserved ? expression[1..] : expression;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Unsupported expression '{{{expression}}}' in URI template '{template}'.", nameof(template));
            }

            names.Add(name);
            pattern.Append(reserved ? "(?<" + name + ">.+?)" : "(?<" + name + ">[^/?#]+)");
            i = close + 1;
        }

        pattern.Append('$');
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
        VariableNames = names;
    }

    public IReadOnlyList<string> VariableNames { get; }

    public bool TryMatch(string uri, out Dictionary<string, string> variables)
    {
        variables = new Dictionary<string, string>(StringComparer.Ordinal);
        Match match;
        try
        {
            match = _regex.Match(uri);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        if (!match.Success)
        {
            return false;
        }

        foreach (string name in VariableNames)
        {
            variables[name] = Uri.UnescapeDataString(match.Groups[name].Value);
        }

        return true;
    }
}
