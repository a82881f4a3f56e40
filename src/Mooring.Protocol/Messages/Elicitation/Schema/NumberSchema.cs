using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A number field (<c>number</c>, or <c>integer</c> when <see cref="IsInteger"/>).</summary>
public sealed class NumberSchema : PrimitiveSchemaDefinition
{
    /// <summary>Minimum value.</summary>
    public double? Minimum { get; set; }

    /// <summary>Maximum value.</summary>
    public double? Maximum { get; set; }

    /// <summary>Prefilled value.</summary>
    public double? Default { get; set; }

    /// <summary>True for whole numbers (<c>integer</c>); false (default) for any number.</summary>
    [JsonIgnore]
    public bool IsInteger { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => IsInteger ? "integer" : "number";
}
