using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>A text field.</summary>
public sealed class StringSchema : PrimitiveSchemaDefinition
{
    /// <summary>Minimum length.</summary>
    public int? MinLength { get; set; }

    /// <summary>Maximum length.</summary>
    public int? MaxLength { get; set; }

    /// <summary><c>email</c>, <c>uri</c>, <c>date</c> or <c>date-time</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Prefilled value.</summary>
    public string? Default { get; set; }

    /// <inheritdoc />
    private protected override string SchemaType => "string";
}
