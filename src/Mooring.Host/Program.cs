using Mooring.Host;
using Mooring.Server;

// Mooring.Host: `--urls http://127.0.0.1:PORT` serves MCP over HTTP (default http://127.0.0.1:3001); `--stdio` serves stdio.
bool stdio = args.Contains("--stdio", StringComparer.Ordinal);
string[] hostArgs = [.. args.Where(a => a != "--stdio")];

if (stdio)
{
    HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = hostArgs,
        ContentRootPath = AppContext.BaseDirectory,
    });

    // stdout carries protocol messages only: every log line goes to stderr.
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Services.AddMooringHost(builder.Configuration).WithStdio();
    await builder.Build().RunAsync().ConfigureAwait(false);
}
else
{
    // The content root is the binary's folder, so appsettings.json is found whatever the working directory. The slim
    // builder: configuration, console logging and Kestrel over HTTP, without what this host does not use (host
    // filtering middleware, which the MCP endpoint's own Host/Origin gate replaces; HTTPS configuration; IIS; static
    // web assets), so every request runs less code and the process starts sooner.
    WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        Args = hostArgs,
        ContentRootPath = AppContext.BaseDirectory,
    });
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        builder.WebHost.UseUrls(MooringHostDefaults.Url);
    }

    builder.WebHost.ConfigureMooringKestrel(builder.Configuration);
    builder.Services.AddMooringHost(builder.Configuration).WithHttpTransport();
    builder.AddMooringObservability();
    WebApplication app = builder.Build();
    app.MapGet("/health", static () => Results.Text("ok", "text/plain"));
    app.MapMooringMetrics();
    app.MapMcpReadiness("/ready");
    app.MapMcp(app.Configuration["Mooring:Path"] ?? MooringHostDefaults.Path);
    await app.RunAsync().ConfigureAwait(false);
}
