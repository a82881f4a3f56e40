using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mooring.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Mooring MCP server.</summary>
public static class McpServerServiceCollectionExtensions
{
    /// <summary>Adds the MCP server core. Chain <c>.WithTools&lt;T&gt;()</c> and a transport.</summary>
    public static IMcpServerBuilder AddMcpServer(this IServiceCollection services, Action<McpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<McpServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpServerOptions>, McpServerOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<McpServerMetrics>();
        services.TryAddSingleton<McpResourceGovernor>();
        services.TryAddSingleton<McpServer>();
        return new McpServerBuilder(services);
    }
}
