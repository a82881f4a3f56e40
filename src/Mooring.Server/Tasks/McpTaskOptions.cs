namespace Mooring.Server;

/// <summary>How tasks live (<see cref="McpServerOptions.Tasks"/>); their number is capped by <see cref="McpServerLimits.MaxTasks"/>.</summary>
public sealed class McpTaskOptions
{
    private TimeSpan _defaultTtl = TimeSpan.FromMinutes(10);
    private TimeSpan _maxTtl = TimeSpan.FromHours(1);
    private TimeSpan _pollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a task and its result are kept from its creation when the client asks for no lifetime. Default 10
    /// minutes: long enough to poll a slow job, short enough that abandoned results do not pile up. A task still
    /// running when its lifetime ends is cancelled.
    /// </summary>
    public TimeSpan DefaultTtl
    {
        get => _defaultTtl;
        set => _defaultTtl = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "DefaultTtl must be positive.");
    }

    /// <summary>The longest lifetime a client may ask for. Default 1 hour: results are held in memory.</summary>
    public TimeSpan MaxTtl
    {
        get => _maxTtl;
        set => _maxTtl = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxTtl must be positive.");
    }

    /// <summary>How often clients are told to poll. Default 1 s.</summary>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set => _pollInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PollInterval must be positive.");
    }
}
