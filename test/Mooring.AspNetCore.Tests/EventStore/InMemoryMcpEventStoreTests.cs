using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mooring.AspNetCore.Tests.EventStore;

/// <summary>
/// The in-memory event store keeps only what its bounds allow (events per stream, bytes with bookkeeping, age),
/// replays in order, forgets a session on request, and publishes what it holds as gauges that return to 0.
/// </summary>
public sealed class InMemoryMcpEventStoreTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ReadAfter_ReturnsLaterEventsOfThatStreamOnly_InOrder()
    {
        InMemoryMcpEventStore store = Create(new InMemoryEventStoreOptions());
        for (int i = 1; i <= 5; i++)
        {
            await store.AppendAsync(Event("s", "1", i, 10), default);
            await store.AppendAsync(Event("s", "2", i, 10), default);
        }

        IReadOnlyList<McpStoredEvent> events = await store.ReadAfterAsync("s", "1", 2, default);

        Assert.Equal([3L, 4L, 5L], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal("1", e.StreamId));
    }

    [Fact]
    public async Task PerStreamCap_DropsTheOldestOfThatStream()
    {
        InMemoryMcpEventStore store = Create(new InMemoryEventStoreOptions { MaxEventsPerStream = 3 });
        for (int i = 1; i <= 5; i++)
        {
            await store.AppendAsync(Event("s", "1", i, 10), default);
        }

        await store.AppendAsync(Event("s", "2", 1, 10), default);

        Assert.Equal([3L, 4L, 5L], (await store.ReadAfterAsync("s", "1", 0, default)).Select(e => e.Sequence));
        Assert.Equal(4, store.Count);
    }

    [Fact]
    public async Task ByteCap_CountsBookkeeping_SoManyTinyEventsAreBoundedToo()
    {
        // 4 KiB holds 4096 / (1 + overhead) tiny events, not 4096 of them.
        InMemoryMcpEventStore store = Create(new InMemoryEventStoreOptions { MaxTotalBytes = 4096, MaxEventsPerStream = 100_000 });
        for (int i = 1; i <= 1000; i++)
        {
            await store.AppendAsync(Event("s", "1", i, 1), default);
        }

        int expected = 4096 / (1 + InMemoryMcpEventStore.EntryOverheadBytes);
        Assert.Equal(expected, store.Count);
        Assert.True(store.Bytes <= 4096, $"{store.Bytes} bytes held");
        Assert.Equal(1000L, (await store.ReadAfterAsync("s", "1", 0, default))[^1].Sequence);
    }

    [Fact]
    public async Task Age_ExpiredEventsAreNotReplayed_AndGoOnTheNextAppend()
    {
        InMemoryMcpEventStore store = Create(new InMemoryEventStoreOptions { MaxAge = TimeSpan.FromMinutes(1) });
        await store.AppendAsync(Event("s", "1", 1, 10), default);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));

        Assert.Empty(await store.ReadAfterAsync("s", "1", 0, default));
        await store.AppendAsync(Event("s", "2", 1, 10), default);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Gauges_ShowEventsAndBytes_AndReturnToZeroWhenTheSessionIsDeleted()
    {
        InMemoryMcpEventStore store = Create(new InMemoryEventStoreOptions());
        await store.AppendAsync(Event("a", "1", 1, 100), default);
        await store.AppendAsync(Event("a", "2", 1, 50), default);
        await store.AppendAsync(Event("b", "1", 1, 7), default);

        Assert.Equal(3, Observe("mcp.server.event_store.events"));
        Assert.Equal(157 + (3 * InMemoryMcpEventStore.EntryOverheadBytes), Observe("mcp.server.event_store.bytes"));

        await store.DeleteSessionAsync("a", default);
        Assert.Equal(1, Observe("mcp.server.event_store.events"));
        Assert.Empty(await store.ReadAfterAsync("a", "1", 0, default));

        await store.DeleteSessionAsync("b", default);
        Assert.Equal(0, Observe("mcp.server.event_store.events"));
        Assert.Equal(0, Observe("mcp.server.event_store.bytes"));
    }

    private InMemoryMcpEventStore Create(InMemoryEventStoreOptions options) =>
        new(Options.Create(options), _time, _services.GetRequiredService<IMeterFactory>());

    private static McpStoredEvent Event(string session, string stream, long sequence, int bytes) =>
        new(session, stream, sequence, new byte[bytes]);

    private long Observe(string instrumentName)
    {
        IMeterFactory factory = _services.GetRequiredService<IMeterFactory>();
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == InMemoryMcpEventStore.MeterName && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, v, _, _) => value = v);
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => value = v);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException($"{instrumentName} was not observed.");
    }
}
