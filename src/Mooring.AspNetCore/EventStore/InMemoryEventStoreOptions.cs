namespace Mooring.AspNetCore;

/// <summary>Bounds of <see cref="InMemoryMcpEventStore"/>.</summary>
public sealed class InMemoryEventStoreOptions
{
    private int _maxEventsPerStream = 1000;
    private long _maxTotalBytes = 64L * 1024 * 1024;
    private TimeSpan _maxAge = TimeSpan.FromMinutes(5);

    /// <summary>Events kept per stream; older ones are dropped first. Default 1000: far more than one request produces.</summary>
    public int MaxEventsPerStream
    {
        get => _maxEventsPerStream;
        set => _maxEventsPerStream = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxEventsPerStream must be at least 1.");
    }

    /// <summary>Bytes kept across all streams; the oldest events go first. Default 64 MiB.</summary>
    public long MaxTotalBytes
    {
        get => _maxTotalBytes;
        set => _maxTotalBytes = value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxTotalBytes must be at least 1 KiB.");
    }

    /// <summary>How long an event is kept. Default 5 minutes: resumption happens within seconds, or not at all.</summary>
    public TimeSpan MaxAge
    {
        get => _maxAge;
        set => _maxAge = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxAge must be positive.");
    }
}
