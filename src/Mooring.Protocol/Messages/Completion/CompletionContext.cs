using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Context for completion.</summary>
public sealed class CompletionContext
{
    /// <summary>Already-resolved argument values.</summary>
    public Dictionary<string, string>? Arguments { get; set; }
}
