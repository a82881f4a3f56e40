using System.ComponentModel;
using System.Text.Json;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Server.Stdio.Tests;

/// <summary>Tools the stdio tests call.</summary>
public static class StdioTools
{
    /// <summary>Set by <see cref="WaitForCancel"/> when its token fires.</summary>
    public static TaskCompletionSource Cancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by tests to let <see cref="Block"/> return.</summary>
    public static ManualResetEventSlim Gate { get; } = new(false);

    public static void Reset()
    {
        Cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gate.Reset();
    }

    [McpTool("echo")]
    [Description("Echo.")]
    public static string Echo(string text) => text;

    [McpTool("progress")]
    [Description("Reports three progress steps.")]
    public static async Task<string> Progress(McpRequestContext context)
    {
        for (int i = 1; i <= 3; i++)
        {
            await context.ReportProgressAsync(i, 3);
        }

        return "done";
    }

    [McpTool("wait_for_cancel")]
    [Description("Waits until cancelled.")]
    public static async Task<string> WaitForCancel(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }

        return "unreachable";
    }

    [McpTool("ask_name")]
    [Description("Asks the user's name (elicitation), then greets them.")]
    public static async Task<string> AskName(McpRequestContext context)
    {
        var schema = new ElicitationRequestedSchema { Properties = { ["name"] = new StringSchema() }, Required = ["name"] };
        ElicitResult answer = await context.ElicitAsync("user_name", ElicitRequestParams.Form("What is your name?", schema), context.CancellationToken);
        return answer.Content is { } content && content.TryGetValue("name", out JsonElement name) ? $"Hello, {name.GetString()}!" : "Hello, stranger!";
    }

    [McpTool("block")]
    [Description("Blocks its thread synchronously until the test releases it.")]
    public static string Block()
    {
        Gate.Wait(TimeSpan.FromSeconds(10));
        return "released";
    }
}
