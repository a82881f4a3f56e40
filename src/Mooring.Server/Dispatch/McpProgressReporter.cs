namespace Mooring.Server;

/// <summary>The <see cref="IProgress{T}"/> handed to handlers: forwards to the request's progress token, if any.</summary>
internal sealed class McpProgressReporter(McpRequestContext context) : IProgress<ProgressNotificationValue>
{
    public void Report(ProgressNotificationValue value) => context.ReportProgress(value);
}
