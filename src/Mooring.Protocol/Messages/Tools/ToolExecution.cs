using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Execution properties of a tool.</summary>
public sealed class ToolExecution
{
    /// <summary><c>forbidden</c> (default), <c>optional</c> or <c>required</c>.</summary>
    public string? TaskSupport { get; set; }
}
