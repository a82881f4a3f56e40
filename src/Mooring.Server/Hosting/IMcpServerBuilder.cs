using Microsoft.Extensions.DependencyInjection;

namespace Mooring.Server;

/// <summary>Configures an MCP server: returned by <c>AddMcpServer()</c>, extended by transports and registrations.</summary>
public interface IMcpServerBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
