using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The items of a titled multi-select.</summary>
public sealed class TitledEnumItems
{
    /// <summary>The options.</summary>
    public IList<EnumOption> AnyOf { get; set; } = [];
}
