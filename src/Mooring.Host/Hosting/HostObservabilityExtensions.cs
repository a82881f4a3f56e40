using Microsoft.Extensions.Options;
using Mooring.AspNetCore;
using Mooring.Server;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Mooring.Host;

/// <summary>
/// Exports the server's meters as Prometheus text (<see cref="MooringMetricsOptions"/>, <c>Mooring:Metrics</c>): the
/// lease gauges, counters and outbound queue gauges of <see cref="McpResourceGovernor"/>, the request durations of
/// <see cref="McpServerMetrics"/>, the event store's size, ASP.NET Core's HTTP and Kestrel connection meters, and the
/// runtime's own meter (GC heap, working set, thread pool), so a leak shows on the same scrape as its cause.
/// </summary>
internal static class HostObservabilityExtensions
{
    // ASP.NET Core's built-in meters: request durations and active requests, and Kestrel's connection counts,
    // queue lengths and rejected connections.
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";

    // The runtime's built-in meter (.NET 9+): GC heap sizes and collections, working set, thread pool queue and threads.
    private const string RuntimeMeter = "System.Runtime";

    public static WebApplicationBuilder AddMooringObservability(this WebApplicationBuilder builder)
    {
        IConfigurationSection section = builder.Configuration.GetSection("Mooring:Metrics");
        builder.Services.Configure<MooringMetricsOptions>(section);
        if (!(section.Get<MooringMetricsOptions>() ?? new MooringMetricsOptions()).Enabled)
        {
            return builder;
        }

        // The service name labels every series (target_info), so scrapes of several hosts can be told apart.
        string serviceName = builder.Configuration["Mooring:ServerInfo:Name"] ?? "mooring-host";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(McpServerMetrics.MeterName, McpResourceGovernor.MeterName, InMemoryMcpEventStore.MeterName, AspNetCoreHostingMeter, KestrelMeter, RuntimeMeter)
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Maps the scrape endpoint when metrics are enabled. It is an endpoint of its own, outside the MCP endpoint's
    /// Host/Origin gate, like <c>/health</c>.
    /// </summary>
    public static WebApplication MapMooringMetrics(this WebApplication app)
    {
        MooringMetricsOptions options = app.Services.GetRequiredService<IOptions<MooringMetricsOptions>>().Value;
        if (options.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Path);
        }

        return app;
    }
}
