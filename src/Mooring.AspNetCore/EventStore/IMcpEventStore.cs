namespace Mooring.AspNetCore;

/// <summary>
/// Keeps SSE events so a client can resume a broken stream with <c>Last-Event-ID</c>. Implementations must bound
/// what they keep (by count, bytes and age). The in-memory default is <see cref="InMemoryMcpEventStore"/>; a
/// distributed one lets another node replay a stream.
/// </summary>
public interface IMcpEventStore
{
    /// <summary>Stores an event.</summary>
    ValueTask AppendAsync(McpStoredEvent storedEvent, CancellationToken cancellationToken);

    /// <summary>Returns the stored events of a stream after <paramref name="afterSequence"/>, in order.</summary>
    ValueTask<IReadOnlyList<McpStoredEvent>> ReadAfterAsync(string sessionId, string streamId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Forgets a session's events (the session ended).</summary>
    ValueTask DeleteSessionAsync(string sessionId, CancellationToken cancellationToken);
}
