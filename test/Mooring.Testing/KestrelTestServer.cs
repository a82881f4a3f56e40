using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mooring.Server;

namespace Mooring.Testing;

/// <summary>
/// A real Kestrel server on <c>http://127.0.0.1:0</c> (a port the OS picks, read back after binding) serving MCP at
/// <see cref="KestrelTestServerOptions.Path"/>. Its only logger is a <see cref="FailOnErrorLoggerProvider"/>: disposing
/// the server throws if an error was logged that the test did not declare with
/// <see cref="FailOnErrorLoggerProvider.ExpectError"/>.
/// </summary>
public sealed class KestrelTestServer : IAsyncDisposable
{
    /// <summary>How long a stop may take before Kestrel aborts the connections still open.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _disposed;

    private KestrelTestServer(WebApplication app, FailOnErrorLoggerProvider logs, Uri baseAddress, string path)
    {
        _app = app;
        Logs = logs;
        BaseAddress = baseAddress;
        McpEndpoint = new Uri(baseAddress, path);
    }

    /// <summary>The server's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The MCP endpoint's absolute address.</summary>
    public Uri McpEndpoint { get; }

    /// <summary>The MCP endpoint's path, for raw requests.</summary>
    public string McpPath => McpEndpoint.AbsolutePath;

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the server logged; errors fail the test unless declared.</summary>
    public FailOnErrorLoggerProvider Logs { get; }

    /// <summary>The MCP server core.</summary>
    public McpServer McpServer => Services.GetRequiredService<McpServer>();

    /// <summary>Starts a server; <paramref name="configure"/> adjusts it.</summary>
    [RequiresUnreferencedCode("The MCP server binds handlers by reflection.")]
    [RequiresDynamicCode("The MCP server binds handlers by reflection.")]
    public static async Task<KestrelTestServer> StartAsync(Action<KestrelTestServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new KestrelTestServerOptions();
        configure?.Invoke(options);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KestrelTestServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Loopback only, on a port the OS picks: parallel test classes never collide and nothing is exposed.
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var logs = new FailOnErrorLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        if (options.TimeProvider is { } time)
        {
            builder.Services.AddSingleton(time);
        }

        options.ConfigureServices?.Invoke(builder.Services);
        IMcpServerBuilder mcp = builder.Services.AddMcpServer(options.ConfigureServer);
        foreach (Type type in options.PrimitiveTypes)
        {
            mcp.WithPrimitives(type);
        }

        options.ConfigureMcp?.Invoke(mcp);
        mcp.WithHttpTransport(options.ConfigureHttp);

        WebApplication app = builder.Build();
        app.MapMcp(options.Path);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Kestrel reports the address it actually bound, with the real port.
        string bound = app.Urls.Single();
        return new KestrelTestServer(app, logs, new Uri(bound.TrimEnd('/') + "/"), options.Path);
    }

    /// <summary>Stops the server, then fails if an undeclared error was logged at any point of its life.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var stopping = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        Logs.AssertNoUnexpectedErrors();
    }
}
