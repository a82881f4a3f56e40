using System.Globalization;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// A logical SSE stream of a session: the response stream of one POST, or the session's GET stream. It outlives
/// HTTP connections: events get ids <c>{streamId}.{sequence}</c>, are kept in the event store, and written to the
/// connection attached at the moment, if any. Writing, attaching (with replay) and detaching all happen under one
/// gate, so a resumed client sees every event exactly once and in order.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle (only WaitAsync/Release are used); the orphan timer is disposed when the stream completes.")]
internal sealed class SseStream : ISseHeartbeat
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly McpHttpSession _owner;
    private readonly IMcpEventStore? _store;
    private readonly bool _prime;
    private SseConnection? _attached;
    private long _sequence;
    private bool _completed;
    private ITimer? _orphanTimer;

    public SseStream(McpHttpSession owner, string id, McpBudget kind, IMcpEventStore? store, bool prime, Action? onOrphaned = null)
    {
        _owner = owner;
        Id = id;
        Kind = kind;
        _store = store;
        _prime = prime && store is not null;
        OnOrphaned = onOrphaned;
    }

    /// <summary>The stream id, unique within the session.</summary>
    public string Id { get; }

    /// <summary>The budget a connection of this stream is leased from (<see cref="McpBudget.GetStreams"/> or <see cref="McpBudget.PostStreams"/>).</summary>
    public McpBudget Kind { get; }

    /// <summary>True once the stream has sent its last event.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed);

    /// <summary>True while a client connection is attached.</summary>
    public bool HasConnection => Volatile.Read(ref _attached) is not null;

    /// <summary>Called when the stream has had no connection for the resume window (the handler should stop).</summary>
    private Action? OnOrphaned { get; }

    /// <summary>Parses <c>{streamId}.{sequence}</c>.</summary>
    public static bool TryParseEventId(string? eventId, out string streamId, out long sequence)
    {
        streamId = string.Empty;
        sequence = 0;
        if (string.IsNullOrEmpty(eventId) || eventId.Length > 128)
        {
            return false;
        }

        int dot = eventId.LastIndexOf('.');
        if (dot <= 0 || !long.TryParse(eventId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        streamId = eventId[..dot];
        return true;
    }

    /// <summary>Writes one message as an event: stored for replay, and sent to the attached connection if any.</summary>
    public async ValueTask WriteMessageAsync(McpOutgoingMessage message)
    {
        byte[]? data = _store is null ? null : message.ToArray();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            long sequence = ++_sequence;
            string? eventId = _store is null ? null : EventId(sequence);
            if (_store is not null)
            {
                await _store.AppendAsync(new McpStoredEvent(_owner.Id, Id, sequence, data), CancellationToken.None).ConfigureAwait(false);
            }

            if (_attached is { } connection)
            {
                bool written = data is null
                    ? await connection.WriteAsync((eventId, message), static (w, s) => SseFrames.WriteEvent(w, s.eventId, s.message)).ConfigureAwait(false)
                    : await connection.WriteAsync((eventId, data), static (w, s) => SseFrames.WriteEvent(w, s.eventId, s.data)).ConfigureAwait(false);
                if (!written)
                {
                    DetachLocked(connection, connection.EndReason ?? McpEndReason.ClientGone);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Attaches a connection. With <paramref name="afterSequence"/>, first replays the stored events after it; without,
    /// sends a priming event. A previously attached connection is let go (the newest connection wins, so a client
    /// whose stream broke silently can always open a new one).
    /// </summary>
    public async ValueTask AttachAsync(SseConnection connection, long? afterSequence)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            bool ok = true;
            if (afterSequence is { } after && _store is not null)
            {
                IReadOnlyList<McpStoredEvent> events = await _store.ReadAfterAsync(_owner.Id, Id, after, CancellationToken.None).ConfigureAwait(false);
                foreach (McpStoredEvent stored in events)
                {
                    ok = await connection.WriteAsync((EventId(stored.Sequence), stored.Data), static (w, s) => SseFrames.WriteEvent(w, s.Item1, s.Data.Span)).ConfigureAwait(false);
                    if (!ok)
                    {
                        break;
                    }
                }
            }
            else if (_prime)
            {
                ok = await connection.WriteAsync(EventId(_sequence), static (w, id) => SseFrames.WritePriming(w, id)).ConfigureAwait(false);
            }

            if (!ok || _completed)
            {
                connection.End(ok ? McpEndReason.Completed : McpEndReason.ClientGone);
                return;
            }

            SseConnection? previous = _attached;
            _attached = connection;
            previous?.End(McpEndReason.Superseded);
            _orphanTimer?.Dispose();
            _orphanTimer = null;
            connection.StartHeartbeat(_owner.Options.HeartbeatInterval, this);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends a <c>retry</c> hint and lets the connection go, keeping the stream open: for SSE polling
    /// (<see cref="McpEndReason.Completed"/>) or because the server is draining (<see cref="McpEndReason.Shutdown"/>).
    /// </summary>
    public async ValueTask CloseForReconnectAsync(TimeSpan retry, McpEndReason reason = McpEndReason.Completed)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_attached is { } connection)
            {
                await connection.WriteAsync(retry, static (w, r) => SseFrames.WriteRetry(w, r)).ConfigureAwait(false);
                DetachLocked(connection, reason);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Detaches a connection whose client went away (no-op if another connection replaced it).</summary>
    public async ValueTask DetachAsync(SseConnection connection, McpEndReason reason)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            DetachLocked(connection, reason);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the stream finished (its last event was written) and lets the connection go.</summary>
    public async ValueTask CompleteAsync(McpEndReason reason = McpEndReason.Completed)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _completed, true);
            _attached?.End(reason);
            _attached = null;
            _orphanTimer?.Dispose();
            _orphanTimer = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes a comment if <paramref name="connection"/> is still the attached one; a failed write detaches it.</summary>
    public async Task BeatAsync(SseConnection connection)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_attached, connection)
                && !await connection.WriteAsync(0, static (w, _) => SseFrames.WriteComment(w, "heartbeat")).ConfigureAwait(false))
            {
                DetachLocked(connection, connection.EndReason ?? McpEndReason.HeartbeatFailed);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DetachLocked(SseConnection connection, McpEndReason reason)
    {
        if (!ReferenceEquals(_attached, connection))
        {
            return;
        }

        _attached = null;
        connection.End(reason);
        if (!_completed && OnOrphaned is { } onOrphaned && _orphanTimer is null)
        {
            // Nobody is reading: give the client the resume window to come back, then stop the work.
            _orphanTimer = _owner.TimeProvider.CreateTimer(static s => ((Action)s!)(), onOrphaned, _owner.ResumeWindow, Timeout.InfiniteTimeSpan);
        }
    }

    private string EventId(long sequence) => string.Concat(Id, ".", sequence.ToString(CultureInfo.InvariantCulture));
}
