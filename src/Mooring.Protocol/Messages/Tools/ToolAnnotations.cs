using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Hints about a tool's behaviour. Clients must treat them as untrusted.</summary>
public sealed class ToolAnnotations
{
    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>The tool does not modify its environment (default false).</summary>
    public bool? ReadOnlyHint { get; set; }

    /// <summary>Modifications may be destructive (default true).</summary>
    public bool? DestructiveHint { get; set; }

    /// <summary>Repeated calls with the same arguments have no extra effect (default false).</summary>
    public bool? IdempotentHint { get; set; }

    /// <summary>The tool interacts with an open world of external entities (default true).</summary>
    public bool? OpenWorldHint { get; set; }
}
