using Microsoft.AspNetCore.Server.Kestrel.Core;
using Mooring.AspNetCore;

namespace Mooring.Host;

/// <summary>Applies <see cref="MooringKestrelOptions"/> (<c>Mooring:Kestrel</c>) to the host's Kestrel.</summary>
internal static class HostKestrelExtensions
{
    public static IWebHostBuilder ConfigureMooringKestrel(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        // Bound eagerly: the socket transport's listen-socket factory is chosen before the service provider exists.
        var options = new MooringKestrelOptions();
        configuration.GetSection("Mooring:Kestrel").Bind(options);
        long maxBody = options.MaxRequestBodySize
            ?? configuration.GetValue<long?>("Mooring:Http:MaxRequestBodySize")
            ?? new McpHttpOptions().MaxRequestBodySize;

        webHost.ConfigureKestrel(kestrel =>
        {
            KestrelServerLimits limits = kestrel.Limits;
            limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            limits.KeepAliveTimeout = options.KeepAliveTimeout;
            limits.MinRequestBodyDataRate = Rate(options.MinRequestBodyDataRate, options.MinRequestBodyDataRateGracePeriod);
            limits.MinResponseDataRate = Rate(options.MinResponseDataRate, options.MinResponseDataRateGracePeriod);
            limits.MaxRequestBodySize = maxBody;
            limits.MaxConcurrentConnections = options.MaxConcurrentConnections;
        });

        if (options.TcpKeepAlive)
        {
            webHost.UseMcpTcpKeepAlive(k =>
            {
                k.Time = options.TcpKeepAliveTime;
                k.Interval = options.TcpKeepAliveInterval;
                k.RetryCount = options.TcpKeepAliveRetryCount;
                k.UserTimeout = options.TcpUserTimeout;
            });
        }

        return webHost;
    }

    private static MinDataRate? Rate(double bytesPerSecond, TimeSpan grace) => bytesPerSecond > 0 ? new MinDataRate(bytesPerSecond, grace) : null;
}
