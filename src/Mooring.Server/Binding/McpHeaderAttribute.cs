namespace Mooring.Server;

/// <summary>
/// Mirrors a tool argument into an HTTP header on the Streamable HTTP transport (2026-07-28): the generated
/// <c>inputSchema</c> carries <c>"x-mcp-header": "<see cref="Name"/>"</c> on the property, and clients send its value
/// as <c>Mcp-Param-{Name}</c> so that gateways can route on it without parsing the body.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a tool method parameter, or on a property of a parameter's type (the path is then
/// <c>parameter.property</c>, through plain <c>properties</c> only: not through collections, and not through a type
/// the schema exporter has to describe by <c>$ref</c>). The annotated value must be a string, an integer or a
/// boolean (an enum sent by name counts as a string); <c>number</c> (floating point) is not allowed.
/// </para>
/// <para>
/// The name is checked when the tool is created: it must be a non-empty RFC 9110 token (letters, digits and
/// <c>!#$%&amp;'*+-.^_`|~</c>), unique within the tool ignoring case. A violation throws an
/// <see cref="ArgumentException"/> naming the tool and the property, so a bad annotation fails at startup rather
/// than making clients drop the tool. Header values are visible to every intermediary: do not mirror secrets.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class McpHeaderAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The name part of the header: <c>Region</c> gives <c>Mcp-Param-Region</c>.</param>
    public McpHeaderAttribute(string name) => Name = name;

    /// <summary>The name part of the <c>Mcp-Param-{Name}</c> header, as written in <c>x-mcp-header</c>.</summary>
    public string Name { get; }
}
