using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>
/// Tools the modern tests call. The input tools are written once with <see cref="McpRequestContext"/>'s input
/// methods: in a legacy session they send <c>elicitation/create</c> to the client; on a modern request they end in
/// <c>input_required</c> and complete when the client retries with the answers.
/// </summary>
internal static class ModernTestTools
{
    public const string AskName = "ask_name";
    public const string AskTwice = "ask_twice";
    public const string Region = "region";
    public const string Log = "log";
    public const string AskPrompt = "ask_prompt";
    public const string AskResourceUri = "test://ask/name";

    [McpTool(AskName)]
    [Description("Asks the user's name (elicitation), then greets them.")]
    public static async Task<string> AskNameAsync(McpRequestContext context, string greeting = "Hello")
    {
        ElicitResult answer = await context.ElicitAsync("user_name", Form("What is your name?", "name"), context.CancellationToken);
        return answer.Action == "accept" ? $"{greeting}, {Text(answer, "name")}!" : $"No name ({answer.Action})";
    }

    [McpTool(AskTwice)]
    [Description("Asks a name, then in a second round a colour.")]
    public static async Task<string> AskTwiceAsync(McpRequestContext context)
    {
        ElicitResult first = await context.ElicitAsync("step1", Form("Step 1: your name?", "name"), context.CancellationToken);
        ElicitResult second = await context.ElicitAsync("step2", Form("Step 2: your favourite colour?", "color"), context.CancellationToken);
        return $"{Text(first, "name")} likes {Text(second, "color")}";
    }

    [McpTool(Region)]
    [Description("Echoes a region that modern clients also send as Mcp-Param-Region.")]
    public static string RegionTool([McpHeader("Region")] string? region = null, string? query = null) => $"region={region ?? "none"} query={query}";

    [McpTool(Log)]
    [Description("Logs one info message to the client, then answers.")]
    public static async Task<string> LogAsync(McpRequestContext context)
    {
        await context.Logger.InfoAsync("an info message");
        return "logged";
    }

    [McpPrompt(AskPrompt)]
    [Description("Asks for a topic (elicitation), then builds the prompt.")]
    public static async Task<string> AskPromptAsync(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("topic", Form("Which topic?", "topic"), context.CancellationToken);
        return $"Write about {Text(answer, "topic")}.";
    }

    [McpResource(AskResourceUri, Name = "ask", MimeType = "text/plain")]
    [Description("Asks the reader's name (elicitation) before it can be read.")]
    public static async Task<string> AskResourceAsync(McpRequestContext context)
    {
        ElicitResult answer = await context.ElicitAsync("reader", Form("Who is reading?", "name"), context.CancellationToken);
        return $"Read by {Text(answer, "name")}";
    }

    private static ElicitRequestParams Form(string message, string property) =>
        ElicitRequestParams.Form(message, new ElicitationRequestedSchema { Properties = { [property] = new StringSchema() }, Required = [property] });

    private static string? Text(ElicitResult answer, string property) =>
        answer.Content is { } content && content.TryGetValue(property, out JsonElement value) ? value.GetString() : null;
}
