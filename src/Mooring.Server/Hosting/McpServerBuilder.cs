using Microsoft.Extensions.DependencyInjection;

namespace Mooring.Server;

/// <summary>The default <see cref="IMcpServerBuilder"/>.</summary>
internal sealed class McpServerBuilder(IServiceCollection services) : IMcpServerBuilder
{
    public IServiceCollection Services { get; } = services;
}
