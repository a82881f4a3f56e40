using Microsoft.Extensions.Options;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Tells subscribers of <c>test://watched-resource</c> that it changed, at a fixed interval.</summary>
internal sealed class WatchedResourceTicker(McpServer server, IOptions<FixtureOptions> options, TimeProvider? timeProvider = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.WatchedResourceInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider ?? TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                server.NotifyResourceUpdated(ConformanceResources.WatchedUri);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
