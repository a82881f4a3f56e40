using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>
/// The <c>requestedSchema</c> of a form-mode elicitation: an object of flat primitive fields. Build it, then pass it to
/// <see cref="ElicitRequestParams.Form"/>.
/// </summary>
public sealed class ElicitationRequestedSchema
{
    /// <summary>Always <c>object</c>.</summary>
    public string Type { get; } = "object";

    /// <summary>The fields, by name.</summary>
    public IDictionary<string, PrimitiveSchemaDefinition> Properties { get; init; } = new Dictionary<string, PrimitiveSchemaDefinition>(StringComparer.Ordinal);

    /// <summary>The names of the fields the user must fill in.</summary>
    public IList<string>? Required { get; set; }

    /// <summary>The schema as the JSON value that goes on the wire.</summary>
    public JsonElement ToJsonElement() => JsonSerializer.SerializeToElement(this, McpJsonContext.Default.ElicitationRequestedSchema);
}
