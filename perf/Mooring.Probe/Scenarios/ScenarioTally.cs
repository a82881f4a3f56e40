using System.Collections.Concurrent;
using Mooring.Probe.Results;

namespace Mooring.Probe.Scenarios;

/// <summary>What a scenario did, counted from many workers at once: cycles, failures by reason, sessions left behind, findings.</summary>
internal sealed class ScenarioTally
{
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentQueue<Finding> _findings = new();
    private int _attempted;
    private int _completed;
    private int _sessions;

    public int Attempted => _attempted;

    public int Completed => _completed;

    public int Failed => _errors.Values.Sum();

    /// <summary>Sessions the probe initialized and never deleted.</summary>
    public int SessionsOpened => _sessions;

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public IReadOnlyList<string> Notes => [.. _notes];

    public IReadOnlyList<Finding> Findings => [.. _findings];

    public void Attempt() => Interlocked.Increment(ref _attempted);

    public void Complete() => Interlocked.Increment(ref _completed);

    public void SessionOpened() => Interlocked.Increment(ref _sessions);

    public void Fail(string reason) => _errors.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Enqueue(note);
        }
    }

    public void Add(Finding finding) => _findings.Enqueue(finding);
}
