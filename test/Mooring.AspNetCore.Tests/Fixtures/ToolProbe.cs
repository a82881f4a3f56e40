using Mooring.Server;

namespace Mooring.AspNetCore.Tests;

/// <summary>
/// A tool the test steers and watches: it reports that it started, waits until the test opens its gate, and records
/// whether its cancellation token fired. Every wait the test does on it is bounded.
/// </summary>
internal sealed class ToolProbe
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for the gate without sending anything first: the answer stays a JSON candidate.</summary>
    public async Task<string> BlockAsync(CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await Gate.Task.WaitAsync(cancellationToken);
            return "released";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled.TrySetResult();
            throw;
        }
    }

    /// <summary>Reports progress 1 (which turns the answer into SSE), waits for the gate, reports 2 and 3, answers.</summary>
    public async Task<string> ProgressAroundGateAsync(McpRequestContext context)
    {
        await context.ReportProgressAsync(1, 3, "before the gate");
        Started.TrySetResult();
        try
        {
            await Gate.Task.WaitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            Cancelled.TrySetResult();
            throw;
        }

        await context.ReportProgressAsync(2, 3, "after the gate");
        await context.ReportProgressAsync(3, 3, "last");
        return "gated done";
    }

    /// <summary>Like <see cref="ProgressAroundGateAsync"/>, but closes its stream for reconnection before waiting.</summary>
    public async Task<string> ReconnectAroundGateAsync(McpRequestContext context)
    {
        await context.ReportProgressAsync(1, 3, "before the close");
        bool closed = await context.CloseStreamForReconnectAsync(TimeSpan.FromMilliseconds(25));
        Started.TrySetResult();
        if (!closed)
        {
            return "not closed";
        }

        await Gate.Task.WaitAsync(context.CancellationToken);
        await context.ReportProgressAsync(2, 3, "after the close");
        await context.ReportProgressAsync(3, 3, "last");
        return "reconnect done";
    }
}
