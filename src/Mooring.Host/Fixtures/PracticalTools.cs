using System.ComponentModel;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Everyday tools for trying the server and for load and fault tests.</summary>
internal static class PracticalTools
{
    [McpTool("echo", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns the text it is given.")]
    public static string Echo([Description("The text to return.")] string text) => text;

    [McpTool("progress_echo", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Sends one progress notification (when the request has a progress token), then returns the text it is given: the SSE answer in its simplest form.")]
    public static async Task<string> ProgressEcho(McpRequestContext context, [Description("The text to return.")] string text)
    {
        await context.ReportProgressAsync(1, 1).ConfigureAwait(false);
        return text;
    }

    [McpTool("sleep", ReadOnly = true, OpenWorld = false)]
    [Description("Waits for the given number of milliseconds, reporting progress; stops early when cancelled.")]
    public static async Task<string> Sleep(
        [Description("How long to wait, in milliseconds (0 to 600000).")] int ms,
        IProgress<ProgressNotificationValue> progress,
        CancellationToken cancellationToken)
    {
        if (ms is < 0 or > 600_000)
        {
            throw new McpException("ms must be between 0 and 600000.");
        }

        const int Steps = 10;
        progress.Report(new ProgressNotificationValue(0, ms, "sleeping"));
        for (int step = 1; step <= Steps; step++)
        {
            await Task.Delay(ms / Steps, cancellationToken).ConfigureAwait(false);
            progress.Report(new ProgressNotificationValue((double)ms * step / Steps, ms));
        }

        return $"Slept {ms} ms.";
    }

    [McpTool("blocking_sleep", ReadOnly = true, OpenWorld = false)]
    [Description("Sleeps synchronously, blocking its thread, for the given milliseconds (0 to 60000): shows that blocking tool code cannot starve the server.")]
    public static string BlockingSleep([Description("How long to block, in milliseconds (0 to 60000); default 10.")] int ms = 10)
    {
        if (ms is < 0 or > 60_000)
        {
            throw new McpException("ms must be between 0 and 60000.");
        }

        Thread.Sleep(ms);
        return $"Blocked {ms} ms.";
    }
}
