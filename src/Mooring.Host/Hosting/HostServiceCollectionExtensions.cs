using Microsoft.Extensions.Options;
using Mooring.AspNetCore;
using Mooring.Extensions.Skills;
using Mooring.Host.Fixtures;
using Mooring.Server;

namespace Mooring.Host;

/// <summary>Binds the <c>Mooring</c> configuration section and registers the fixture set.</summary>
internal static class HostServiceCollectionExtensions
{
    public static IMcpServerBuilder AddMooringHost(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection mooring = configuration.GetSection("Mooring");
        services.Configure<McpServerOptions>(options => BindServer(mooring, options));
        services.Configure<McpHttpOptions>(options => BindHttp(mooring.GetSection("Http"), options));
        services.Configure<InMemoryEventStoreOptions>(mooring.GetSection("EventStore"));
        services.Configure<FixtureOptions>(mooring.GetSection("Fixtures"));
        services.Configure<McpSkillsOptions>(mooring.GetSection("Skills"));
        services.AddHostedService<WatchedResourceTicker>();

        return services.AddMcpServer()
            .WithPrimitives(typeof(PracticalTools))
            .WithPrimitives(typeof(ConformanceTools))
            .WithPrimitives(typeof(ElicitationFixtureTools))
            .WithPrimitives(typeof(DynamicFixtureTools))
            .WithPrimitives(typeof(ConformancePrompts))
            .WithPrimitives(typeof(ModernFixtureTools))
            .WithPrimitives(typeof(InputRequiredFixtures))
            .WithPrimitives(typeof(TaskFixtureTools))
            .WithPrimitives(typeof(ConformanceResources))
            .WithSkills()
            .WithPrimitive(server => server.Tools.Add(new JsonSchema202012Tool()));
    }

    private static IMcpServerBuilder WithPrimitive(this IMcpServerBuilder builder, Action<McpServer> register)
    {
        builder.Services.AddSingleton(McpPrimitiveRegistration.ForInstance(register));
        return builder;
    }

    // Setting by setting: SerializerOptions is code, not configuration, and ServerInfo has required members, so the
    // options are not bound as one object (the source-generated binder of an AOT build cannot bind either).
    private static void BindServer(IConfigurationSection section, McpServerOptions options)
    {
        IConfigurationSection info = section.GetSection(nameof(McpServerOptions.ServerInfo));
        if (info.Exists())
        {
            options.ServerInfo = new Mooring.Protocol.Implementation
            {
                Name = info[nameof(Mooring.Protocol.Implementation.Name)] ?? options.ServerInfo.Name,
                Version = info[nameof(Mooring.Protocol.Implementation.Version)] ?? options.ServerInfo.Version,
                Title = info[nameof(Mooring.Protocol.Implementation.Title)] ?? options.ServerInfo.Title,
            };
        }

        options.Instructions = section[nameof(McpServerOptions.Instructions)] ?? options.Instructions;
        options.PageSize = section.GetValue(nameof(McpServerOptions.PageSize), options.PageSize);
        options.ClientRequestTimeout = section.GetValue(nameof(McpServerOptions.ClientRequestTimeout), options.ClientRequestTimeout);
        options.MaxJsonDepth = section.GetValue(nameof(McpServerOptions.MaxJsonDepth), options.MaxJsonDepth);
        options.DefaultClientLogLevel = section.GetValue(nameof(McpServerOptions.DefaultClientLogLevel), options.DefaultClientLogLevel);
        options.MaxQueuedListenNotifications = section.GetValue(nameof(McpServerOptions.MaxQueuedListenNotifications), options.MaxQueuedListenNotifications);
        options.RequestStateLifetime = section.GetValue(nameof(McpServerOptions.RequestStateLifetime), options.RequestStateLifetime);
        options.IncludeExceptionDetails = section.GetValue(nameof(McpServerOptions.IncludeExceptionDetails), options.IncludeExceptionDetails);
        section.GetSection(nameof(McpServerOptions.Limits)).Bind(options.Limits);
        section.GetSection(nameof(McpServerOptions.Tasks)).Bind(options.Tasks);
        section.GetSection(nameof(McpServerOptions.Caching)).Bind(options.Caching);
        options.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default);
    }

    // Lists in configuration replace the defaults instead of adding to them.
    private static void BindHttp(IConfigurationSection section, McpHttpOptions options)
    {
        section.Bind(options);
        options.AllowedHosts.Clear();
        options.AllowedOrigins.Clear();
        AddAll(section.GetSection(nameof(McpHttpOptions.AllowedHosts)), options.AllowedHosts, ["localhost", "127.0.0.1", "[::1]"]);
        AddAll(section.GetSection(nameof(McpHttpOptions.AllowedOrigins)), options.AllowedOrigins, []);
    }

    private static void AddAll(IConfigurationSection section, IList<string> list, string[] defaults)
    {
        string?[] configured = section.Exists() ? [.. section.GetChildren().Select(c => c.Value)] : [.. defaults];
        foreach (string? value in configured)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                list.Add(value);
            }
        }
    }
}
