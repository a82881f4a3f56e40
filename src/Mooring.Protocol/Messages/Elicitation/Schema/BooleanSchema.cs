using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A checkbox.</summary>
public sealed class BooleanSchema : PrimitiveSchemaDefinition
{
    /// <summary>Prefilled value.</summary>
    public bool? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "boolean";
}
