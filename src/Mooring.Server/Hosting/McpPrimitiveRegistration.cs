using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Mooring.Server;

/// <summary>
/// A deferred registration of tools, prompts or resources, recorded by the builder and carried out when the server
/// is created (when options and the service provider exist).
/// </summary>
public sealed class McpPrimitiveRegistration
{
    private readonly Action<McpServer, IServiceProviderIsService?> _register;

    private McpPrimitiveRegistration(Action<McpServer, IServiceProviderIsService?> register) => _register = register;

    internal void Register(McpServer server, IServiceProviderIsService? isService) => _register(server, isService);

    /// <summary>Registers every method of <paramref name="type"/> marked with <see cref="McpToolAttribute"/>, <see cref="McpPromptAttribute"/> or <see cref="McpResourceAttribute"/>.</summary>
    public static McpPrimitiveRegistration ForType([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] Type type, object? instance = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new McpPrimitiveRegistration((server, isService) =>
        {
            int found = 0;
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                object? target = method.IsStatic ? null : instance;
                if (method.IsDefined(typeof(McpToolAttribute)))
                {
                    server.Tools.Add(McpServerTool.Create(method, target, server.Options, isService));
                    found++;
                }

                if (method.IsDefined(typeof(McpPromptAttribute)))
                {
                    server.Prompts.Add(McpServerPrompt.Create(method, target, server.Options, isService));
                    found++;
                }

                if (method.IsDefined(typeof(McpResourceAttribute)))
                {
                    server.Add(McpServerResource.Create(method, target, server.Options, isService));
                    found++;
                }
            }

            if (found == 0)
            {
                throw new InvalidOperationException($"Type '{type}' has no methods marked [McpTool], [McpPrompt] or [McpResource].");
            }
        });
    }

    /// <summary>Registers a tool implemented by a delegate.</summary>
    [RequiresUnreferencedCode("Binds the delegate by reflection.")]
    [RequiresDynamicCode("Binds the delegate by reflection.")]
    public static McpPrimitiveRegistration ForTool(string name, Delegate handler, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        return new McpPrimitiveRegistration((server, isService) => server.Tools.Add(McpServerTool.Create(name, handler, server.Options, description, isService)));
    }

    /// <summary>Registers a ready-made primitive.</summary>
    public static McpPrimitiveRegistration ForInstance(Action<McpServer> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        return new McpPrimitiveRegistration((server, _) => register(server));
    }
}
