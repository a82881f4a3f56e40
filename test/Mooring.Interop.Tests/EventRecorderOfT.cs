namespace Mooring.Interop.Tests;

/// <summary>Collects values delivered on SDK callbacks (progress, notifications) and lets a test wait for them.</summary>
public sealed class EventRecorder<T> : IProgress<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public void Report(T value)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.Add(value);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits until at least <paramref name="count"/> items matched, or the timeout; returns the matches.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(Func<T, bool> predicate, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var matches = _items.Where(predicate).ToList();
                if (matches.Count >= count)
                {
                    return matches;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                return Items.Where(predicate).ToList();
            }
        }
    }
}
