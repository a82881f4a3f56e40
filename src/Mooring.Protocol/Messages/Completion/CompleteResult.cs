using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>completion/complete</c>.</summary>
public sealed class CompleteResult : Result
{
    /// <summary>The suggestions.</summary>
    public Completion Completion { get; set; } = new();
}
