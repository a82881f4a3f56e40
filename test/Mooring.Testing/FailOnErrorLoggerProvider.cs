using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mooring.Testing;

/// <summary>
/// Captures every log entry and makes the test fail if an error was logged that the test did not declare with
/// <see cref="ExpectError"/>: <see cref="AssertNoUnexpectedErrors"/> throws, and so does <see cref="Dispose"/>, so a
/// server that logs an unexpected error fails the test that owns it even when nobody asked.
/// </summary>
public sealed class FailOnErrorLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private readonly ConcurrentBag<Func<CapturedLog, bool>> _expected = [];
    private int _checked;

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    /// <summary>Declares that errors matching <paramref name="predicate"/> are part of the test.</summary>
    public void ExpectError(Func<CapturedLog, bool> predicate) => _expected.Add(predicate);

    /// <summary>The errors (Error or Critical) that no <see cref="ExpectError"/> declared.</summary>
    public IReadOnlyList<CapturedLog> UnexpectedErrors =>
        [.. _entries.Where(e => e.Level >= LogLevel.Error && !_expected.Any(p => p(e)))];

    /// <summary>Throws when an undeclared error was logged.</summary>
    public void AssertNoUnexpectedErrors()
    {
        Interlocked.Exchange(ref _checked, 1);
        IReadOnlyList<CapturedLog> unexpected = UnexpectedErrors;
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException("Unexpected error logs:\n" + string.Join("\n", unexpected.Select(e => $"[{e.Category}] {e.EventId} {e.Message} {e.Exception}")));
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Volatile.Read(ref _checked) == 0)
        {
            AssertNoUnexpectedErrors();
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
            }
        }
    }
}
