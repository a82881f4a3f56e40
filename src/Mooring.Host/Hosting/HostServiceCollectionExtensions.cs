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
        services.Configure<McpServerOptions>(options => mooring.Bind(options, binder => binder.ErrorOnUnknownConfiguration = false));
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
