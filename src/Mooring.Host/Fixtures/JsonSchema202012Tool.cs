using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>
/// A tool whose input schema is a raw JSON Schema 2020-12 document (with <c>$schema</c>, <c>$defs</c>, <c>$anchor</c>,
/// composition and conditional keywords, and <c>additionalProperties</c>), served exactly as written (SEP-2106): an
/// example of a hand-made <see cref="McpServerTool"/>.
/// </summary>
internal sealed class JsonSchema202012Tool : McpServerTool
{
    private const string Schema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
         "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},"contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},"email":{"type":"string"}},
         "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
         "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
         "then":{"required":["phone"]},"else":{"required":["email"]},
         "additionalProperties":false}
        """;

    public override Tool ProtocolTool { get; } = new()
    {
        Name = "json_schema_2020_12_tool",
        Description = "Accepts arguments described by a JSON Schema 2020-12 document.",
        InputSchema = ParseSchema(),
    };

    public override ValueTask<CallToolResult> InvokeAsync(McpRequestContext context, JsonElement? arguments) =>
        ValueTask.FromResult(new CallToolResult { Content = [new TextContent { Text = $"Received: {arguments?.GetRawText() ?? "{}"}" }] });

    private static JsonElement ParseSchema()
    {
        using JsonDocument document = JsonDocument.Parse(Schema);
        return document.RootElement.Clone();
    }
}
