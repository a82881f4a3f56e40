using Microsoft.Extensions.Options;

namespace Mooring.AspNetCore;

/// <summary>
/// The default event store: in process memory, bounded by events per stream, total bytes and age (see
/// <see cref="InMemoryEventStoreOptions"/>). Expired events are dropped on every append, so it never needs a timer.
/// </summary>
public sealed class InMemoryMcpEventStore : IMcpEventStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Session, string Stream), LinkedList<Entry>> _streams = [];
    private readonly LinkedList<Entry> _all = new(); // every event, oldest first, for global eviction
    private readonly InMemoryEventStoreOptions _options;
    private readonly TimeProvider _time;
    private long _bytes;

    /// <summary>Creates the store.</summary>
    public InMemoryMcpEventStore(IOptions<InMemoryEventStoreOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Events held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>Bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <inheritdoc />
    public ValueTask AppendAsync(McpStoredEvent storedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storedEvent);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            var key = (storedEvent.SessionId, storedEvent.StreamId);
            if (!_streams.TryGetValue(key, out LinkedList<Entry>? stream))
            {
                stream = new LinkedList<Entry>();
                _streams[key] = stream;
            }

            var entry = new Entry(storedEvent, now);
            entry.InStream = stream.AddLast(entry);
            entry.InAll = _all.AddLast(entry);
            _bytes += storedEvent.Data.Length;
            if (stream.Count > _options.MaxEventsPerStream)
            {
                Remove(stream.First!.Value);
            }

            DateTimeOffset oldest = now - _options.MaxAge;
            while (_all.First is { } first && (first.Value.StoredAt < oldest || _bytes > _options.MaxTotalBytes))
            {
                Remove(first.Value);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<McpStoredEvent>> ReadAfterAsync(string sessionId, string streamId, long afterSequence, CancellationToken cancellationToken)
    {
        DateTimeOffset oldest = _time.GetUtcNow() - _options.MaxAge;
        lock (_gate)
        {
            if (!_streams.TryGetValue((sessionId, streamId), out LinkedList<Entry>? stream))
            {
                return ValueTask.FromResult<IReadOnlyList<McpStoredEvent>>([]);
            }

            List<McpStoredEvent> events = [.. stream.Where(e => e.Event.Sequence > afterSequence && e.StoredAt >= oldest).Select(e => e.Event)];
            return ValueTask.FromResult<IReadOnlyList<McpStoredEvent>>(events);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach ((string Session, string Stream) key in _streams.Keys.Where(k => k.Session == sessionId).ToList())
            {
                foreach (Entry entry in _streams[key].ToList())
                {
                    Remove(entry);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Remove(Entry entry)
    {
        LinkedList<Entry> stream = entry.InStream!.List!;
        stream.Remove(entry.InStream);
        _all.Remove(entry.InAll!);
        _bytes -= entry.Event.Data.Length;
        if (stream.Count == 0)
        {
            _streams.Remove((entry.Event.SessionId, entry.Event.StreamId));
        }
    }

    private sealed class Entry(McpStoredEvent storedEvent, DateTimeOffset storedAt)
    {
        public McpStoredEvent Event { get; } = storedEvent;

        public DateTimeOffset StoredAt { get; } = storedAt;

        public LinkedListNode<Entry>? InStream { get; set; }

        public LinkedListNode<Entry>? InAll { get; set; }
    }
}
