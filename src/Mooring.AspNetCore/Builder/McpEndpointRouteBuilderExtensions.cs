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
        // A plain RequestDelegate: no minimal-API binding, nothing generated or reflected (trimming and AOT safe).
        return endpoints.MapGet(pattern, context =>
        {
            bool draining = sessions.IsDraining;
            context.Response.StatusCode = draining ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(draining ? "draining" : "ready", context.RequestAborted);
        }).WithDisplayName("MCP readiness");
    }
}
