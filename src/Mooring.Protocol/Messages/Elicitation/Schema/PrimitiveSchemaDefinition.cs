using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>
/// One field of a form-mode elicitation: a flat, primitive schema (the spec allows no nesting). The server only writes
/// these, so they serialize by their runtime type, with <c>type</c> first.
/// </summary>
[JsonDerivedType(typeof(StringSchema))]
[JsonDerivedType(typeof(NumberSchema))]
[JsonDerivedType(typeof(BooleanSchema))]
[JsonDerivedType(typeof(UntitledSingleSelectEnumSchema))]
[JsonDerivedType(typeof(TitledSingleSelectEnumSchema))]
[JsonDerivedType(typeof(LegacyTitledEnumSchema))]
[JsonDerivedType(typeof(UntitledMultiSelectEnumSchema))]
[JsonDerivedType(typeof(TitledMultiSelectEnumSchema))]
public abstract class PrimitiveSchemaDefinition
{
    /// <summary>The JSON Schema type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c> or <c>array</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string Type => SchemaType;

    /// <summary>The field's label.</summary>
    [JsonPropertyOrder(-1)]
    public string? Title { get; set; }

    /// <summary>Help text for the field.</summary>
    [JsonPropertyOrder(-1)]
    public string? Description { get; set; }

    /// <summary>The JSON Schema type of this kind of field.</summary>
    private protected abstract string SchemaType { get; }
}
