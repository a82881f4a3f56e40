namespace Mooring.Server;

/// <summary>
/// One tool argument that clients mirror into an <c>Mcp-Param-{Name}</c> HTTP header: a property of the tool's
/// <c>inputSchema</c> annotated with <c>x-mcp-header</c>. Extracted once per tool (see
/// <see cref="McpServerTool.HeaderParameters"/>), so request validation never walks the schema.
/// </summary>
public sealed class McpToolHeaderParameter
{
    /// <summary>The prefix of every mirrored argument's header name: <c>Mcp-Param-</c>.</summary>
    public const string HeaderNamePrefix = "Mcp-Param-";

    /// <summary>Creates a header parameter.</summary>
    /// <param name="name">The <c>x-mcp-header</c> value: a non-empty RFC 9110 token.</param>
    /// <param name="propertyPath">The chain of <c>properties</c> keys from the schema root to the property; at least one.</param>
    /// <param name="type">The property's JSON type.</param>
    /// <exception cref="ArgumentException">The name is not a token, or the path is empty or holds a null.</exception>
    public McpToolHeaderParameter(string name, IReadOnlyList<string> propertyPath, McpHeaderValueType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(propertyPath);
        if (!IsToken(name))
        {
            throw new ArgumentException($"'{name}' is not a valid header name: it must be a non-empty RFC 9110 token.", nameof(name));
        }

        if (propertyPath.Count == 0 || propertyPath.Any(segment => segment is null))
        {
            throw new ArgumentException("The property path must name at least one property and hold no null.", nameof(propertyPath));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)type, (uint)McpHeaderValueType.Boolean, nameof(type));
        Name = name;
        HeaderName = HeaderNamePrefix + name;
        PropertyPath = [.. propertyPath];
        Type = type;
    }

    /// <summary>The <c>x-mcp-header</c> value, e.g. <c>Region</c>.</summary>
    public string Name { get; }

    /// <summary>The full header name, e.g. <c>Mcp-Param-Region</c>; computed once so lookups do not concatenate.</summary>
    public string HeaderName { get; }

    /// <summary>The property names from the arguments object down to the value, e.g. <c>["options", "region"]</c>.</summary>
    public IReadOnlyList<string> PropertyPath { get; }

    /// <summary>The JSON type the schema declares for the value.</summary>
    public McpHeaderValueType Type { get; }

    /// <inheritdoc />
    public override string ToString() => $"{HeaderName} <- {string.Join('.', PropertyPath)} ({Type})";

    /// <summary>True when <paramref name="value"/> is an RFC 9110 token (<c>1*tchar</c>), which also excludes control characters.</summary>
    internal static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c switch
    {
        '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' => true,
        _ => false,
    };
}
