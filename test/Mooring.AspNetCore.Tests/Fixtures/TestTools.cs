using System.ComponentModel;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests;

/// <summary>Tools every test server has: plain JSON answers, progress (an SSE answer), and strict argument types.</summary>
internal static class TestTools
{
    [McpTool("echo")]
    [Description("Returns the text it is given.")]
    public static string Echo([Description("The text to return.")] string text) => text;

    [McpTool("add")]
    [Description("Adds two integers.")]
    public static int Add(int a, int b) => a + b;

    [McpTool("progress")]
    [Description("Reports progress 1..steps of steps, then answers.")]
    public static async Task<string> Progress(McpRequestContext context, int steps = 3)
    {
        for (int i = 1; i <= steps; i++)
        {
            await context.ReportProgressAsync(i, steps, $"step {i}");
        }

        return "progress done";
    }
}
