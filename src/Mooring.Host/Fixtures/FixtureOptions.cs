namespace Mooring.Host.Fixtures;

/// <summary>Options of the host's fixture set (section <c>Mooring:Fixtures</c>).</summary>
internal sealed class FixtureOptions
{
    /// <summary>How often <c>test://watched-resource</c> reports an update to subscribers. Default 3 s (as the suite's reference server); zero disables it.</summary>
    public TimeSpan WatchedResourceInterval { get; set; } = TimeSpan.FromSeconds(3);
}
