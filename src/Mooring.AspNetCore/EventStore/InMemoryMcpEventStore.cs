using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Mooring.AspNetCore;

/// <summary>
/// The default event store: in process memory, bounded by events per stream, total bytes and age (see
/// <see cref="InMemoryEventStoreOptions"/>). Expired events are dropped on every append, so it never needs a timer.
/// Bytes are counted with a fixed bookkeeping cost per event (<see cref="EntryOverheadBytes"/>), so the byte bound also
/// bounds memory for many tiny events. What it holds is published as <c>mcp.server.event_store.events</c> and
/// <c>mcp.server.event_store.bytes</c> (meter <see cref="MeterName"/>).
/// </summary>
public sealed class InMemoryMcpEventStore : IMcpEventStore
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Mooring.AspNetCore.EventStore";

    /// <summary>What one stored event costs besides its data: the event, its entry and two list nodes (64-bit runtime).</summary>
    public const int EntryOverheadBytes = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Session, string Stream), LinkedList<Entry>> _streams = [];
    private readonly LinkedList<Entry> _all = new(); // every event, oldest first, for global eviction
    private readonly InMemoryEventStoreOptions _options;
    private readonly TimeProvider _time;
    private long _bytes;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Its bounds.</param>
    /// <param name="timeProvider">The clock that ages events; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="meterFactory">Creates the <see cref="MeterName"/> meter; null publishes nothing.</param>
    public InMemoryMcpEventStore(IOptions<InMemoryEventStoreOptions> options, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        if (meterFactory is not null)
        {
            Meter meter = meterFactory.Create(MeterName);
            meter.CreateObservableGauge("mcp.server.event_store.events", () => Count, "{event}", "SSE events kept for resumption.");
            meter.CreateObservableGauge("mcp.server.event_store.bytes", () => Bytes, "By", "Bytes of SSE events kept for resumption, with their bookkeeping.");
        }
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

    /// <summary>Bytes held now: the events' data plus <see cref="EntryOverheadBytes"/> for each.</summary>
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
            _bytes += storedEvent.Data.Length + EntryOverheadBytes;
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
        _bytes -= entry.Event.Data.Length + EntryOverheadBytes;
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
