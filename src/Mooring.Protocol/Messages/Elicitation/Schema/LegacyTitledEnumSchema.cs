using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A choice of one value with titles in the deprecated <c>enumNames</c> form (for older clients).</summary>
public sealed class LegacyTitledEnumSchema : PrimitiveSchemaDefinition
{
    /// <summary>The values.</summary>
    public IList<string> Enum { get; set; } = [];

    /// <summary>Their titles, in the same order.</summary>
    public IList<string>? EnumNames { get; set; }

    /// <summary>Preselected value.</summary>
    public string? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "string";
}
