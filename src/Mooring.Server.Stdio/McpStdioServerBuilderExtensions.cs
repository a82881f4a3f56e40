using Microsoft.Extensions.DependencyInjection;
using Mooring.Server.Stdio;

namespace Mooring.Server;

/// <summary>Adds the stdio transport to an MCP server.</summary>
public static class McpStdioServerBuilderExtensions
{
    /// <summary>
    /// Serves MCP on stdin/stdout for the lifetime of the host; the application stops when stdin closes. Send all
    /// logging to stderr (stdout carries only protocol messages).
    /// </summary>
    public static IMcpServerBuilder WithStdio(this IMcpServerBuilder builder, Action<McpStdioOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<McpStdioOptions>();
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.AddHostedService<McpStdioTransport>();
        return builder;
    }
}
