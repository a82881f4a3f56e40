using System.Collections.Concurrent;

namespace Mooring.Server;

/// <summary>
/// Background work with an owner: tasks are held until they finish, and the owner can wait for all of them (bounded)
/// when it ends. Nothing in Mooring runs fire-and-forget; it runs under one of these.
/// </summary>
public sealed class McpOwnedTasks
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();
    private int _count; // ConcurrentDictionary.Count and IsEmpty may take every lock; this is read on hot paths

    /// <summary>Tasks still running.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True when nothing is running.</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Holds <paramref name="task"/> until it finishes.</summary>
    public void Track(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref _count);
        _tasks.TryAdd(task, 0);
        _ = task.ContinueWith(
            static (t, s) =>
            {
                var owner = (McpOwnedTasks)s!;
                owner._tasks.TryRemove(t, out _);
                Interlocked.Decrement(ref owner._count);
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until every task held now has finished, or <paramref name="timeout"/> passed; never throws for their faults.</summary>
    public async Task WhenAllAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        Task[] tasks = [.. _tasks.Keys];
        if (tasks.Length > 0)
        {
            await Task.WhenAll(tasks).WaitAsync(timeout, timeProvider).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
