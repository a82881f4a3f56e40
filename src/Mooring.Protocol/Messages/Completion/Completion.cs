using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Completion suggestions.</summary>
public sealed class Completion
{
    /// <summary>At most 100 values, ranked.</summary>
    public IList<string> Values { get; set; } = [];

    /// <summary>Total number of matches, if known.</summary>
    public int? Total { get; set; }

    /// <summary>Whether more values exist beyond these.</summary>
    public bool? HasMore { get; set; }
}
