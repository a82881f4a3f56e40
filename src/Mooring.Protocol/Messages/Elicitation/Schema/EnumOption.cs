using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>One choice of a titled enum: its value and display title.</summary>
public sealed class EnumOption
{
    /// <summary>The value sent back.</summary>
    public required string Const { get; set; }

    /// <summary>What the user sees.</summary>
    public required string Title { get; set; }
}
