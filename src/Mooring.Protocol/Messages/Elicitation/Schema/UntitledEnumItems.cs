using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The items of an untitled multi-select.</summary>
public sealed class UntitledEnumItems
{
    /// <summary>Always <c>string</c>.</summary>
    public string Type { get; set; } = "string";

    /// <summary>The values.</summary>
    public IList<string> Enum { get; set; } = [];
}
