using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The argument being completed.</summary>
public sealed class CompletionArgument
{
    /// <summary>Argument name.</summary>
    public required string Name { get; set; }

    /// <summary>Partial value typed so far.</summary>
    public required string Value { get; set; }
}
