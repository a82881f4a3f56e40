namespace Mooring.Testing;

/// <summary>One steered task: it says it started, waits for the gate, and records when its token fired.</summary>
public sealed class TaskGate
{
    /// <summary>Set when the handler started.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to let the handler finish.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set synchronously by a token registration, the moment the token fires.</summary>
    public TaskCompletionSource TokenFired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the handler unwound because its token fired.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for the gate; returns <c>released {key}</c>, or throws when the token fires first.</summary>
    public async Task<string> RunAsync(string key, CancellationToken cancellationToken)
    {
        // Not disposed here: the registration must observe the token even after the handler unwound.
        cancellationToken.Register(() => TokenFired.TrySetResult());
        Started.TrySetResult();
        try
        {
            await Gate.Task.WaitAsync(cancellationToken);
            return "released " + key;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled.TrySetResult();
            throw;
        }
    }
}
