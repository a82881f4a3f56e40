using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Controls tool use in sampling.</summary>
public sealed class ToolChoice
{
    /// <summary><c>auto</c>, <c>required</c> or <c>none</c>.</summary>
    public string? Mode { get; set; }
}
