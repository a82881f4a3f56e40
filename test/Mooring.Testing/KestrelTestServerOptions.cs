using Microsoft.Extensions.DependencyInjection;
using Mooring.AspNetCore;
using Mooring.Server;

namespace Mooring.Testing;

/// <summary>What a test can change about the server <see cref="KestrelTestServer"/> starts.</summary>
public sealed class KestrelTestServerOptions
{
    /// <summary>Configures the server core (page size, JSON depth, exception details…).</summary>
    public Action<McpServerOptions>? ConfigureServer { get; set; }

    /// <summary>Configures the HTTP transport (body limit, idle timeout, allowed hosts and origins…).</summary>
    public Action<McpHttpOptions>? ConfigureHttp { get; set; }

    /// <summary>Adds tools, prompts, resources or completion handlers: <c>b =&gt; b.WithTool("x", …)</c>.</summary>
    public Action<IMcpServerBuilder>? ConfigureMcp { get; set; }

    /// <summary>Types whose [McpTool], [McpPrompt] and [McpResource] methods are registered.</summary>
    public IList<Type> PrimitiveTypes { get; } = [];

    /// <summary>The clock of the server (sessions, event store, timeouts); null keeps the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Any other service registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>The path the MCP endpoint is mapped at. Default <c>/mcp</c>.</summary>
    public string Path { get; set; } = "/mcp";
}
