using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mooring.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the MCP endpoint.</summary>
public static class McpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves MCP (Streamable HTTP) at <paramref name="pattern"/>: POST, GET and DELETE on one path, every other
    /// method answered with 405. Requires <c>AddMcpServer().WithHttpTransport()</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        McpHttpEndpoint endpoint = endpoints.ServiceProvider.GetService<McpHttpEndpoint>()
            ?? throw new InvalidOperationException("Call services.AddMcpServer().WithHttpTransport() before MapMcp().");
        return endpoints.Map(pattern, endpoint.HandleAsync).WithDisplayName("MCP Streamable HTTP");
    }
}
