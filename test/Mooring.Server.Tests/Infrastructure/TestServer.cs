using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>
/// A real <see cref="McpServer"/> built through DI as an application would, with a fake clock and a log sink that
/// fails the test on undeclared error logs (checked when the server is disposed).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    /// <summary>How long a test waits for something that should happen promptly (only a guard against hangs).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<TestSession> _sessions = [];
    private int _nextSession;

    private TestServer(ServiceProvider services, FailOnErrorLoggerProvider logs, FakeTimeProvider time)
    {
        Services = services;
        Logs = logs;
        Time = time;
        Server = services.GetRequiredService<McpServer>();
    }

    public ServiceProvider Services { get; }

    public FailOnErrorLoggerProvider Logs { get; }

    public FakeTimeProvider Time { get; }

    public McpServer Server { get; }

    public McpServerMetrics Metrics => Services.GetRequiredService<McpServerMetrics>();

    /// <summary>The probe of <see cref="BasicPrimitives.Block"/>.</summary>
    public BlockProbe Probe => Services.GetRequiredService<BlockProbe>();

    public static TestServer Create(Action<IMcpServerBuilder>? build = null, Action<McpServerOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var logs = new FailOnErrorLoggerProvider();
        var time = new FakeTimeProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton<BlockProbe>();
        services?.Invoke(collection);
        IMcpServerBuilder builder = collection.AddMcpServer(options);
        build?.Invoke(builder);
        return new TestServer(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs, time);
    }

    /// <summary>A server with the [McpTool]/[McpPrompt]/[McpResource] methods of <paramref name="primitives"/>.</summary>
    public static TestServer Create(Type primitives, Action<McpServerOptions>? options = null, Action<IServiceCollection>? services = null) =>
        Create(b => b.WithPrimitives(primitives), options, services);

    /// <summary>A session that has not been initialized, with a capturing session sink.</summary>
    public TestSession CreateSession(string? id = null)
    {
        var session = new TestSession(this, Server.CreateSession(id ?? $"s{Interlocked.Increment(ref _nextSession)}"));
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return session;
    }

    /// <summary>A session that completed <c>initialize</c> and sent <c>notifications/initialized</c>.</summary>
    public async Task<TestSession> InitializedSessionAsync(string capabilities = "{}", string protocolVersion = "2025-11-25")
    {
        TestSession session = CreateSession();
        JsonNode response = await session.InitializeAsync(capabilities, protocolVersion);
        Assert.NotNull(response["result"]);
        await session.NotifyAsync("notifications/initialized");
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        TestSession[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        foreach (TestSession session in sessions)
        {
            await session.Session.DisposeAsync();
        }

        await Services.DisposeAsync();
        Logs.AssertNoUnexpectedErrors();
    }
}
