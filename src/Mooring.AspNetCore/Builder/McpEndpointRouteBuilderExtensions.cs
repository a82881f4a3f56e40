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

    /// <summary>
    /// Maps a readiness endpoint: 200 <c>ready</c> while the MCP server accepts work, 503 <c>draining</c> once shutdown
    /// began, so a load balancer stops sending new sessions before the process exits.
    /// </summary>
    public static IEndpointConventionBuilder MapMcpReadiness(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/ready")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        McpHttpSessionManager sessions = endpoints.ServiceProvider.GetService<McpHttpSessionManager>()
            ?? throw new InvalidOperationException("Call services.AddMcpServer().WithHttpTransport() before MapMcpReadiness().");
        return endpoints.MapGet(pattern, () => sessions.IsDraining
            ? Results.Text("draining", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready", "text/plain")).WithDisplayName("MCP readiness");
    }
}
