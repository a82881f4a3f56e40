using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Testing;

namespace Mooring.Server.Tests.Tasks;

/// <summary>
/// Tools for task tests, one per task behaviour: never a task, a task the test steers through a <see cref="TaskGate"/>,
/// a task that ends at once, tasks that must be tasks and fail as a tool or as a protocol, tasks that wait for one or
/// two answers, and a tool that gathers its input first and then detaches as a task.
/// </summary>
internal static class TaskTools
{
    /// <summary>The key of the one answer <see cref="Confirm"/> waits for.</summary>
    public const string ConfirmKey = "confirm";

    /// <summary>The key of the answer <see cref="Deferred"/> asks for before it becomes a task.</summary>
    public const string UserNameKey = "user_name";

    [McpTool("plain"), Description("Echoes its input; never a task.")]
    public static string Plain(string text) => text;

    [McpTool("gated", TaskSupport = McpTaskSupport.Optional), Description("Waits until the test opens the gate named key.")]
    public static Task<string> Gated(TaskProbe probe, McpRequestContext context, string key) => probe.For(key).RunAsync(key, context.CancellationToken);

    [McpTool("quick", TaskSupport = McpTaskSupport.Optional), Description("Answers at once.")]
    public static string Quick(string text) => "quick " + text;

    [McpTool("required_job", TaskSupport = McpTaskSupport.Required), Description("Only as a task; answers at once.")]
    public static string RequiredJob() => "required done";

    [McpTool("tool_failure", TaskSupport = McpTaskSupport.Required), Description("Ends with a tool error (a result with isError).")]
    public static async Task<string> ToolFailure()
    {
        await Task.Yield();
        throw new McpException("The job failed as a tool.");
    }

    [McpTool("protocol_failure", TaskSupport = McpTaskSupport.Required), Description("Ends with a JSON-RPC error.")]
    public static async Task<string> ProtocolFailure()
    {
        await Task.Yield();
        throw new McpProtocolException("The job hit a protocol error.", JsonRpcErrorCodes.InvalidParams);
    }

    [McpTool("confirm", TaskSupport = McpTaskSupport.Required), Description("Asks to confirm, then reports the answer.")]
    public static async Task<string> Confirm(McpRequestContext context, string filename)
    {
        ElicitResult answer = await context.ElicitAsync(ConfirmKey, Form($"Delete {filename}?", "confirm", new BooleanSchema()), context.CancellationToken);
        return answer.Action == "accept" && answer.Content is { } content && content.TryGetValue("confirm", out JsonElement value) && value.ValueKind == JsonValueKind.True
            ? $"Deleted {filename}."
            : $"Kept {filename}.";
    }

    [McpTool("two_answers", TaskSupport = McpTaskSupport.Required), Description("Asks two questions at once; completes when both are answered.")]
    public static async Task<string> TwoAnswers(McpRequestContext context)
    {
        McpInputResponses answers = await context.RequestInputsAsync(
            [
                McpInputRequest.Elicit("first", Form("First?", "name", new StringSchema())),
                McpInputRequest.Elicit("second", Form("Second?", "name", new StringSchema())),
            ],
            context.CancellationToken);
        return $"Got {Name(answers.GetElicitResult("first"))} and {Name(answers.GetElicitResult("second"))}.";
    }

    [McpTool("deferred", TaskSupport = McpTaskSupport.Required, DeferTaskCreation = true), Description("Asks for a name, becomes a task, waits for the gate 'deferred', greets.")]
    public static async Task<string> Deferred(McpRequestContext context, TaskProbe probe, ScopedProbeService scoped)
    {
        ElicitResult answer = await context.ElicitAsync(UserNameKey, Form("What is your name?", "name", new StringSchema()), context.CancellationToken);
        await context.DetachAsTaskAsync();
        await probe.For("deferred").RunAsync("deferred", context.CancellationToken);

        // The request's scoped services must outlive the request once the work goes on as a task.
        return $"Hello, {Name(answer)}! (scope {(scoped.IsDisposed ? "disposed" : "alive")})";
    }

    private static ElicitRequestParams Form(string message, string property, PrimitiveSchemaDefinition schema)
    {
        var requested = new ElicitationRequestedSchema { Required = [property] };
        requested.Properties[property] = schema;
        return ElicitRequestParams.Form(message, requested);
    }

    private static string? Name(ElicitResult answer) =>
        answer.Content is { } content && content.TryGetValue("name", out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
