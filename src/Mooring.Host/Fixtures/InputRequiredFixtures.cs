using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>
/// Multi round-trip fixtures (SEP-2322). Each is written once with <see cref="McpRequestContext"/>'s input methods:
/// a modern request gets <c>input_required</c> and completes on the retry; a legacy session gets real
/// server-to-client requests. The keys and texts are the ones the conformance scenarios look for.
/// </summary>
internal static class InputRequiredFixtures
{
    [McpTool("test_input_required_result_elicitation")]
    [Description("Asks for the user's name, then greets them.")]
    public static async Task<string> Elicitation(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("user_name", Form("What is your name?", "name", new StringSchema()), context.CancellationToken).ConfigureAwait(false);
        return $"Hello, {Text(answer, "name") ?? "stranger"}!";
    }

    [McpTool("test_input_required_result_sampling")]
    [Description("Asks the client's model a question and returns its answer.")]
    public static async Task<string> Sampling(McpRequestContext context)
    {
        CreateMessageResult answer = await context.SampleAsync("capital_question", Question("What is the capital of France?", 100), context.CancellationToken).ConfigureAwait(false);
        return $"The model said: {FirstText(answer)}";
    }

    [McpTool("test_input_required_result_list_roots")]
    [Description("Asks the client for its roots and lists them.")]
    public static async Task<string> ListRoots(McpRequestContext context)
    {
        ListRootsResult roots = await context.ListRootsAsync("client_roots", context.CancellationToken).ConfigureAwait(false);
        return $"Roots: {string.Join(", ", roots.Roots.Select(r => r.Uri))}";
    }

    [McpTool("test_input_required_result_request_state")]
    [Description("Asks for a confirmation; the answer comes back with the request state.")]
    public static async Task<string> RequestState(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("confirm", Form("Please confirm", "ok", new BooleanSchema()), context.CancellationToken).ConfigureAwait(false);
        return answer.Action == "accept" ? "state-ok: confirmed" : $"state-ok: {answer.Action}";
    }

    [McpTool("test_input_required_result_multiple_inputs")]
    [Description("Asks for a name, a generated greeting and the client's roots in one round.")]
    public static async Task<string> MultipleInputs(McpRequestContext context)
    {
        McpInputResponses answers = await context.RequestInputsAsync(
            [
                McpInputRequest.Elicit("user_name", Form("What is your name?", "name", new StringSchema())),
                McpInputRequest.Sample("greeting", Question("Generate a greeting", 50)),
                McpInputRequest.ListRoots("client_roots"),
            ],
            context.CancellationToken).ConfigureAwait(false);
        string name = Text(answers.GetElicitResult("user_name"), "name") ?? "stranger";
        return $"{FirstText(answers.GetSamplingResult("greeting"))} {name} ({answers.GetRoots("client_roots").Roots.Count} roots)";
    }

    [McpTool("test_input_required_result_multi_round")]
    [Description("Asks for a name, then, in a second round, a favourite colour.")]
    public static async Task<string> MultiRound(McpRequestContext context)
    {
        ElicitResult first = await context.ElicitAsync("step1", Form("Step 1: What is your name?", "name", new StringSchema()), context.CancellationToken).ConfigureAwait(false);
        ElicitResult second = await context.ElicitAsync("step2", Form("Step 2: What is your favorite color?", "color", new StringSchema()), context.CancellationToken).ConfigureAwait(false);
        return $"{Text(first, "name")} likes {Text(second, "color")}";
    }

    [McpTool("test_input_required_result_tampered_state")]
    [Description("Asks for a confirmation; a retry whose request state was altered is rejected.")]
    public static async Task<string> TamperedState(McpRequestContext context)
    {
        _ = await context.ElicitAsync("confirm", Form("Please confirm", "ok", new BooleanSchema()), context.CancellationToken).ConfigureAwait(false);
        return "integrity-ok: state verified";
    }

    [McpTool("test_input_required_result_capabilities")]
    [Description("Asks only for what the request's client capabilities allow.")]
    public static async Task<string> Capabilities(McpRequestContext context)
    {
        List<McpInputRequest> wanted = [];
        if (context.ClientCapabilities.Elicitation is not null)
        {
            wanted.Add(McpInputRequest.Elicit("elicit_input", Form("Please provide input", "value", new StringSchema())));
        }

        if (context.ClientCapabilities.Sampling is not null)
        {
            wanted.Add(McpInputRequest.Sample("sample_input", Question("Sample request", 50)));
        }

        if (wanted.Count == 0)
        {
            return "No input capability declared.";
        }

        McpInputResponses answers = await context.RequestInputsAsync(wanted, context.CancellationToken).ConfigureAwait(false);
        return $"Received {answers.Keys.Count()} answers.";
    }

    [McpPrompt("test_input_required_result_prompt")]
    [Description("Asks which context the prompt should use, then builds it.")]
    public static async Task<IEnumerable<PromptMessage>> Prompt(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("user_context", Form("What context should the prompt use?", "context", new StringSchema()), context.CancellationToken).ConfigureAwait(false);
        return [new PromptMessage { Role = Role.User, Content = new TextContent { Text = $"Use this context: {Text(answer, "context")}" } }];
    }

    private static ElicitRequestParams Form(string message, string property, PrimitiveSchemaDefinition schema) =>
        ElicitRequestParams.Form(message, new ElicitationRequestedSchema { Properties = { [property] = schema }, Required = [property] });

    private static CreateMessageRequestParams Question(string text, int maxTokens) => new()
    {
        Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContent { Text = text }] }],
        MaxTokens = maxTokens,
    };

    private static string? Text(ElicitResult answer, string property) =>
        answer.Content is { } content && content.TryGetValue(property, out JsonElement value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string FirstText(CreateMessageResult answer) => answer.Content.OfType<TextContent>().FirstOrDefault()?.Text ?? string.Empty;
}
