namespace Mooring.Probe.Tests.Scenarios;

/// <summary>
/// Mooring.Host with a 1 s write timeout, so that within the probe's --quick hold (about 3 s) a server that cuts off
/// stopped readers can be seen doing it.
/// </summary>
public sealed class ProbeHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(1);

    public HttpHostFixture Host { get; } = new() { Arguments = [$"--Mooring:Http:WriteTimeout={WriteTimeout:c}"] };

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}
