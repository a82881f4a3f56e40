using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>
/// A tool whose input schema is a raw JSON Schema 2020-12 document (with <c>$schema</c>, <c>$defs</c> and
/// <c>additionalProperties</c>), served exactly as written: an example of a hand-made <see cref="McpServerTool"/>.
/// </summary>
internal sealed class JsonSchema202012Tool : McpServerTool
{
    private const string Schema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
         "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
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
