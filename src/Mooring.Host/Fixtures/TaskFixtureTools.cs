using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>
/// Task fixtures (tasks extension, SEP-2663, and 2025-11-25 tasks): a plain tool, a slow job that may run as a task,
/// jobs that must, a job that fails with a tool error and one with a protocol error, jobs that wait in the task for
/// input, and one that gathers its input first and then becomes a task. The names and behaviours are the ones the
/// conformance scenarios use.
/// </summary>
internal static class TaskFixtureTools
{
    [McpTool("greet")]
    [Description("Greets someone, at once (never a task).")]
    public static string Greet([Description("Who to greet.")] string name) => $"Hello, {name}!";

    [McpTool("slow_compute", TaskSupport = McpTaskSupport.Optional)]
    [Description("Works for the given seconds (0 to 600), as a task when the client supports tasks.")]
    public static async Task<string> SlowCompute(
        McpRequestContext context,
        [Description("How long to work, in seconds (0 to 600).")] int seconds,
        [Description("A label echoed in the result.")] string? label = null)
    {
        if (seconds is < 0 or > 600)
        {
            throw new McpException("seconds must be between 0 and 600.");
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), context.CancellationToken).ConfigureAwait(false);
        return $"Computed {label ?? "result"} in {seconds} s.";
    }

    [McpTool("failing_job", TaskSupport = McpTaskSupport.Required)]
    [Description("A task that ends after about a second with a tool error (a result with isError).")]
    public static async Task<string> FailingJob(McpRequestContext context)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), context.CancellationToken).ConfigureAwait(false);
        throw new McpException("The job failed, as it always does.");
    }

    [McpTool("protocol_error_job", TaskSupport = McpTaskSupport.Required)]
    [Description("A task that ends with a JSON-RPC error (status failed).")]
    public static async Task<string> ProtocolErrorJob(McpRequestContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), context.CancellationToken).ConfigureAwait(false);
        throw new McpProtocolException("The job hit a protocol error.", JsonRpcErrorCodes.InvalidParams);
    }

    [McpTool("confirm_delete", TaskSupport = McpTaskSupport.Required)]
    [Description("A task that asks the user to confirm deleting a file, then reports the answer (nothing is deleted).")]
    public static async Task<string> ConfirmDelete(McpRequestContext context, [Description("The file to delete.")] string filename)
    {
        ElicitResult answer = await context.ElicitAsync("confirm", Form($"Delete {filename}?", ("confirm", new BooleanSchema())), context.CancellationToken).ConfigureAwait(false);
        return Accepted(answer, "confirm") ? $"Deleted {filename}." : $"Kept {filename}.";
    }

    [McpTool("multi_input", TaskSupport = McpTaskSupport.Required)]
    [Description("A task that asks for two answers at once and completes when both came.")]
    public static async Task<string> MultiInput(McpRequestContext context)
    {
        McpInputResponses answers = await context.RequestInputsAsync(
            [
                McpInputRequest.Elicit("first", Form("First answer?", ("name", new StringSchema()), ("confirm", new BooleanSchema()))),
                McpInputRequest.Elicit("second", Form("Second answer?", ("name", new StringSchema()), ("confirm", new BooleanSchema()))),
            ],
            context.CancellationToken).ConfigureAwait(false);
        return $"Got {Text(answers.GetElicitResult("first"), "name")} and {Text(answers.GetElicitResult("second"), "name")}.";
    }

    [McpTool("test_tool_with_task", TaskSupport = McpTaskSupport.Required, DeferTaskCreation = true)]
    [Description("Asks for the user's name first (multi round-trip), then greets them from a task.")]
    public static async Task<string> ToolWithTask(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("user_name", Form("What is your name?", ("name", new StringSchema())), context.CancellationToken).ConfigureAwait(false);
        await context.DetachAsTaskAsync().ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromMilliseconds(200), context.CancellationToken).ConfigureAwait(false);
        return $"Hello, {Text(answer, "name") ?? "stranger"}!";
    }

    private static ElicitRequestParams Form(string message, params (string Name, PrimitiveSchemaDefinition Schema)[] properties)
    {
        var schema = new ElicitationRequestedSchema { Required = [properties[0].Name] };
        foreach ((string name, PrimitiveSchemaDefinition definition) in properties)
        {
            schema.Properties[name] = definition;
        }

        return ElicitRequestParams.Form(message, schema);
    }

    private static bool Accepted(ElicitResult answer, string property) =>
        answer.Action == "accept" && answer.Content is { } content && content.TryGetValue(property, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(ElicitResult answer, string property) =>
        answer.Content is { } content && content.TryGetValue(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
