using System.Collections.Concurrent;

namespace Mooring.Testing;

/// <summary>The gates of steered task tools, by key, so one test can steer several tasks (a DI singleton in the test server).</summary>
public sealed class TaskProbe
{
    private readonly ConcurrentDictionary<string, TaskGate> _gates = new(StringComparer.Ordinal);

    /// <summary>The gate named <paramref name="key"/>, created on first use.</summary>
    public TaskGate For(string key) => _gates.GetOrAdd(key, static _ => new TaskGate());
}
