using System.ComponentModel;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>A minimal primitive set for tests about sessions rather than the programming model.</summary>
internal static class BasicPrimitives
{
    [McpTool, Description("Echoes its input.")]
    public static string Echo(string text) => text;

    /// <summary>Waits until cancelled; tells the test it started and when its token fired.</summary>
    [McpTool]
    public static async Task<string> Block(BlockProbe probe, CancellationToken cancellationToken)
    {
        // Not disposed here: the registration must observe the token even if the handler unwinds first; it goes
        // when the server disposes the request's token source.
        cancellationToken.Register(() => probe.TokenFired.TrySetResult());
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "unreachable";
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                probe.Cancelled.TrySetResult();
            }
        }
    }
}

/// <summary>Lets a test see when a blocking handler started and when its cancellation token fired.</summary>
internal sealed class BlockProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the handler saw its token cancelled (in its finally block).</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set synchronously by a token registration, the moment the token fires.</summary>
    public TaskCompletionSource TokenFired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
