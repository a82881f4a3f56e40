using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>An argument of a prompt.</summary>
public sealed class PromptArgument
{
    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>Display name.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Whether it must be provided.</summary>
    public bool? Required { get; set; }
}
