using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A choice of several values, each with a display title.</summary>
public sealed class TitledMultiSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <summary>The options.</summary>
    public TitledEnumItems Items { get; set; } = new();

    /// <summary>Fewest choices.</summary>
    public int? MinItems { get; set; }

    /// <summary>Most choices.</summary>
    public int? MaxItems { get; set; }

    /// <summary>Preselected values.</summary>
    public IList<string>? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "array";
}
