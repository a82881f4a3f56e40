namespace Mooring.Host;

/// <summary>Metrics export of the host (configuration section <c>Mooring:Metrics</c>).</summary>
internal sealed class MooringMetricsOptions
{
    private string _path = "/metrics";

    /// <summary>
    /// Whether the host serves Prometheus text. Default true: the host listens on loopback unless told otherwise, and
    /// the gauges of what it holds are how leaks and overload are seen; turn it off where metrics go elsewhere.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the scrape endpoint is mapped. Default <c>/metrics</c>, Prometheus' conventional path.</summary>
    public string Path
    {
        get => _path;
        set => _path = value is ['/', ..] ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Path must start with '/'.");
    }
}
