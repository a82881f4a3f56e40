namespace Mooring.Server;

/// <summary>
/// Marks a method as an MCP tool. The description comes from <see cref="System.ComponentModel.DescriptionAttribute"/>
/// on the method, the input schema from its parameters, and the output schema from its return type.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpToolAttribute : Attribute
{
    private bool? _readOnly;
    private bool? _destructive;
    private bool? _idempotent;
    private bool? _openWorld;

    /// <summary>Creates the attribute; the tool's name defaults to the method name in snake_case without an <c>Async</c> suffix.</summary>
    public McpToolAttribute()
    {
    }

    /// <summary>Creates the attribute with an explicit tool name.</summary>
    public McpToolAttribute(string name) => Name = name;

    /// <summary>The tool's name; default: the method name in snake_case.</summary>
    public string? Name { get; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>Hint: the tool does not modify its environment.</summary>
    public bool ReadOnly { get => _readOnly ?? false; set => _readOnly = value; }

    /// <summary>Hint: the tool's modifications may be destructive.</summary>
    public bool Destructive { get => _destructive ?? true; set => _destructive = value; }

    /// <summary>Hint: repeated calls with the same arguments have no additional effect.</summary>
    public bool Idempotent { get => _idempotent ?? false; set => _idempotent = value; }

    /// <summary>Hint: the tool interacts with an open world of external entities.</summary>
    public bool OpenWorld { get => _openWorld ?? true; set => _openWorld = value; }

    /// <summary>
    /// Whether a serializable return value is sent as <c>structuredContent</c> with a generated <c>outputSchema</c>
    /// (and as JSON text). Default true; the output schema is only declared when the return type is a JSON object.
    /// </summary>
    public bool UseStructuredContent { get; set; } = true;

    /// <summary>Whether the tool can run as a task. Default <see cref="McpTaskSupport.Forbidden"/>.</summary>
    public McpTaskSupport TaskSupport { get; set; }

    /// <summary>
    /// True when the tool asks for its input first and becomes a task only when it calls
    /// <see cref="McpRequestContext.DetachAsTaskAsync"/>; false (default) makes a task-capable call a task from its start.
    /// </summary>
    public bool DeferTaskCreation { get; set; }

    /// <summary>An icon URI (<c>https:</c> or <c>data:</c>) for the tool.</summary>
    public string? IconSource { get; set; }

    internal bool? ReadOnlyHint => _readOnly;

    internal bool? DestructiveHint => _destructive;

    internal bool? IdempotentHint => _idempotent;

    internal bool? OpenWorldHint => _openWorld;
}
