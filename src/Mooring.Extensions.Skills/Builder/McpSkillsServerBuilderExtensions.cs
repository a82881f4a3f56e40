using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mooring.Extensions.Skills;

// In the namespace of IMcpServerBuilder, as the transports' WithHttpTransport() is, so WithSkills() is found wherever
// the builder is used.
namespace Mooring.Server;

/// <summary>Adds the skills extension (SEP-2640) to an MCP server.</summary>
public static class McpSkillsServerBuilderExtensions
{
    /// <summary>
    /// Serves the skills found under <see cref="McpSkillsOptions.RootPath"/> (by default the <c>skills</c> folder next
    /// to the application) through the skills extension. Options can also come from configuration
    /// (<c>services.Configure&lt;McpSkillsOptions&gt;(section)</c>).
    /// </summary>
    public static IMcpServerBuilder WithSkills(this IMcpServerBuilder builder, Action<McpSkillsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCore(builder.Services, configure);
        builder.Services.TryAddSingleton<McpSkillProvider>(static sp => new FileSystemSkillProvider(
            sp.GetRequiredService<IOptions<McpSkillsOptions>>().Value.RootPath,
            sp.GetRequiredService<IOptions<McpSkillsOptions>>().Value,
            sp.GetService<ILogger<FileSystemSkillProvider>>()));
        return builder;
    }

    /// <summary>Serves the skills of <paramref name="provider"/> (for example an <see cref="InMemorySkillProvider"/>) through the skills extension.</summary>
    public static IMcpServerBuilder WithSkills(this IMcpServerBuilder builder, McpSkillProvider provider, Action<McpSkillsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        AddCore(builder.Services, configure);
        builder.Services.RemoveAll<McpSkillProvider>();
        builder.Services.AddSingleton(provider);
        return builder;
    }

    private static void AddCore(IServiceCollection services, Action<McpSkillsOptions>? configure)
    {
        services.AddOptions<McpSkillsOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpSkillsOptions>, McpSkillsOptionsValidator>());

        // Once only: a second registration would add the same methods twice, which the server refuses.
        if (!services.Any(static d => d.ServiceType == typeof(McpSkillsExtension)))
        {
            services.AddSingleton(static sp => new McpSkillsExtension(
                sp.GetRequiredService<McpSkillProvider>(),
                sp.GetRequiredService<IOptions<McpSkillsOptions>>().Value,
                sp.GetService<ILogger<McpSkillsExtension>>()));
            services.AddSingleton<McpServerExtension>(static sp => sp.GetRequiredService<McpSkillsExtension>());
        }
    }
}
