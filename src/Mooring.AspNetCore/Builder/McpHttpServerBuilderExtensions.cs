using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mooring.AspNetCore;

namespace Mooring.Server;

/// <summary>Adds the Streamable HTTP transport to an MCP server.</summary>
public static class McpHttpServerBuilderExtensions
{
    /// <summary>Registers the HTTP transport; map it with <c>app.MapMcp("/mcp")</c>.</summary>
    public static IMcpServerBuilder WithHttpTransport(this IMcpServerBuilder builder, Action<McpHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<McpHttpOptions>();
        services.AddOptions<InMemoryEventStoreOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpHttpOptions>, McpHttpOptionsValidator>());
        services.TryAddSingleton<IMcpEventStore, InMemoryMcpEventStore>();
        services.TryAddSingleton<McpHttpSessionManager>();
        services.AddHostedService(static sp => sp.GetRequiredService<McpHttpSessionManager>());
        services.TryAddSingleton<McpHttpEndpoint>();
        return builder;
    }
}
