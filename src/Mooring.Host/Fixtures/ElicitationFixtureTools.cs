using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Elicitation fixtures for SEP-1034 (defaults) and SEP-1330 (enum variants), built with the typed form schemas.</summary>
internal static class ElicitationFixtureTools
{
    private static readonly string[] Options = ["option1", "option2", "option3"];

    [McpTool("test_elicitation_sep1034_defaults")]
    [Description("Asks for input with default values for every primitive type (SEP-1034).")]
    public static Task<string> Defaults(McpRequestContext context) => ElicitAsync(context, "Please review and update the form fields with defaults", new ElicitationRequestedSchema
    {
        Properties =
        {
            ["name"] = new StringSchema { Description = "User name", Default = "John Doe" },
            ["age"] = new NumberSchema { Description = "User age", IsInteger = true, Default = 30 },
            ["score"] = new NumberSchema { Description = "User score", Default = 95.5 },
            ["status"] = new UntitledSingleSelectEnumSchema { Description = "User status", Enum = ["active", "inactive", "pending"], Default = "active" },
            ["verified"] = new BooleanSchema { Description = "Verification status", Default = true },
        },
    });

    [McpTool("test_elicitation_sep1330_enums")]
    [Description("Asks for input with each enum schema variant (SEP-1330).")]
    public static Task<string> Enums(McpRequestContext context) => ElicitAsync(context, "Please select options from the enum fields", new ElicitationRequestedSchema
    {
        Properties =
        {
            ["untitledSingle"] = new UntitledSingleSelectEnumSchema { Description = "Select one option", Enum = Options },
            ["titledSingle"] = new TitledSingleSelectEnumSchema { Description = "Select one option with titles", OneOf = Titled("Option") },
            ["legacyEnum"] = new LegacyTitledEnumSchema { Description = "Select one option (legacy)", Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"] },
            ["untitledMulti"] = new UntitledMultiSelectEnumSchema { Description = "Select several options", MinItems = 1, MaxItems = 3, Items = new UntitledEnumItems { Enum = Options } },
            ["titledMulti"] = new TitledMultiSelectEnumSchema { Description = "Select several options with titles", MinItems = 1, MaxItems = 3, Items = new TitledEnumItems { AnyOf = Titled("Choice") } },
        },
    });

    private static EnumOption[] Titled(string noun) =>
    [
        new() { Const = "value1", Title = $"First {noun}" },
        new() { Const = "value2", Title = $"Second {noun}" },
        new() { Const = "value3", Title = $"Third {noun}" },
    ];

    private static async Task<string> ElicitAsync(McpRequestContext context, string message, ElicitationRequestedSchema schema)
    {
        ElicitResult result = await context.ElicitAsync(ElicitRequestParams.Form(message, schema), context.CancellationToken).ConfigureAwait(false);
        return $"Elicitation completed: action={result.Action}, content={JsonSerializer.Serialize(result.Content ?? [], McpJsonContext.Default.DictionaryStringJsonElement)}";
    }
}
