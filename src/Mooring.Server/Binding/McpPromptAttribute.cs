namespace Mooring.Server;

/// <summary>
/// Marks a method as an MCP prompt. Its parameters are the prompt's arguments (required unless they have a default
/// or are nullable); it returns a string, a <c>PromptMessage</c>, messages, content or a <c>GetPromptResult</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpPromptAttribute : Attribute
{
    /// <summary>Creates the attribute; the prompt's name defaults to the method name in snake_case.</summary>
    public McpPromptAttribute()
    {
    }

    /// <summary>Creates the attribute with an explicit prompt name.</summary>
    public McpPromptAttribute(string name) => Name = name;

    /// <summary>The prompt's name.</summary>
    public string? Name { get; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>An icon URI for the prompt.</summary>
    public string? IconSource { get; set; }
}
