namespace Mooring.Server;

/// <summary>
/// Lists the values <c>completion/complete</c> suggests for a prompt argument or template variable, filtered by the
/// typed prefix (case-insensitive). Enum-typed parameters complete from their names without this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class McpCompletionsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public McpCompletionsAttribute(params string[] values) => Values = values ?? [];

    /// <summary>The candidate values.</summary>
    public IReadOnlyList<string> Values { get; }
}
