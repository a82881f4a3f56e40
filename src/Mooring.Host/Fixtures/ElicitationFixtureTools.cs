using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Elicitation fixtures for SEP-1034 (defaults) and SEP-1330 (enum variants).</summary>
internal static class ElicitationFixtureTools
{
    private const string DefaultsSchema = """
        {"type":"object","properties":{
          "name":{"type":"string","description":"User name","default":"John Doe"},
          "age":{"type":"integer","description":"User age","default":30},
          "score":{"type":"number","description":"User score","default":95.5},
          "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
          "verified":{"type":"boolean","description":"Verification status","default":true}}}
        """;

    private const string EnumsSchema = """
        {"type":"object","properties":{
          "untitledSingle":{"type":"string","description":"Select one option","enum":["option1","option2","option3"]},
          "titledSingle":{"type":"string","description":"Select one option with titles","oneOf":[{"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
          "legacyEnum":{"type":"string","description":"Select one option (legacy)","enum":["opt1","opt2","opt3"],"enumNames":["Option One","Option Two","Option Three"]},
          "untitledMulti":{"type":"array","description":"Select several options","minItems":1,"maxItems":3,"items":{"type":"string","enum":["option1","option2","option3"]}},
          "titledMulti":{"type":"array","description":"Select several options with titles","minItems":1,"maxItems":3,"items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}}}
        """;

    [McpTool("test_elicitation_sep1034_defaults")]
    [Description("Asks for input with default values for every primitive type (SEP-1034).")]
    public static Task<string> Defaults(McpRequestContext context) => ElicitAsync(context, "Please review and update the form fields with defaults", DefaultsSchema);

    [McpTool("test_elicitation_sep1330_enums")]
    [Description("Asks for input with each enum schema variant (SEP-1330).")]
    public static Task<string> Enums(McpRequestContext context) => ElicitAsync(context, "Please select options from the enum fields", EnumsSchema);

    private static async Task<string> ElicitAsync(McpRequestContext context, string message, string schema)
    {
        using JsonDocument document = JsonDocument.Parse(schema);
        ElicitResult result = await context.ElicitAsync(new ElicitRequestParams { Message = message, RequestedSchema = document.RootElement.Clone() }, context.CancellationToken).ConfigureAwait(false);
        return $"Elicitation completed: action={result.Action}, content={JsonSerializer.Serialize(result.Content ?? [], McpJsonContext.Default.DictionaryStringJsonElement)}";
    }
}
