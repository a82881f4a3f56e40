using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A choice of one value, shown as the values themselves.</summary>
public sealed class UntitledSingleSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <summary>The values.</summary>
    public IList<string> Enum { get; set; } = [];

    /// <summary>Preselected value.</summary>
    public string? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "string";
}
