using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A choice of one value, each with a display title.</summary>
public sealed class TitledSingleSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <summary>The options.</summary>
    public IList<EnumOption> OneOf { get; set; } = [];

    /// <summary>Preselected value.</summary>
    public string? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "string";
}
