using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>Registration of tools, prompts, resources and completion handlers.</summary>
public static class McpServerBuilderExtensions
{
    /// <summary>Registers the methods of <typeparamref name="T"/> marked [McpTool], [McpPrompt] or [McpResource]. Instance methods get a new instance per call, built with DI.</summary>
    public static IMcpServerBuilder WithTools<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IMcpServerBuilder builder) =>
        builder.WithPrimitives(typeof(T));

    /// <summary>Registers the prompts of <typeparamref name="T"/> (same scan as <see cref="WithTools{T}"/>).</summary>
    public static IMcpServerBuilder WithPrompts<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IMcpServerBuilder builder) =>
        builder.WithPrimitives(typeof(T));

    /// <summary>Registers the resources of <typeparamref name="T"/> (same scan as <see cref="WithTools{T}"/>).</summary>
    public static IMcpServerBuilder WithResources<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IMcpServerBuilder builder) =>
        builder.WithPrimitives(typeof(T));

    /// <summary>Registers every [McpTool], [McpPrompt] and [McpResource] method of <paramref name="type"/>.</summary>
    public static IMcpServerBuilder WithPrimitives(this IMcpServerBuilder builder, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] Type type)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(McpPrimitiveRegistration.ForType(type));
        return builder;
    }

    /// <summary>Registers a tool implemented by a delegate; its parameters bind like a method's.</summary>
    [RequiresUnreferencedCode("Binds the delegate by reflection.")]
    [RequiresDynamicCode("Binds the delegate by reflection.")]
    public static IMcpServerBuilder WithTool(this IMcpServerBuilder builder, string name, Delegate handler, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(McpPrimitiveRegistration.ForTool(name, handler, description));
        return builder;
    }

    /// <summary>Adds an optional protocol extension (advertised under <c>capabilities.extensions</c>, with its methods).</summary>
    public static IMcpServerBuilder WithExtension(this IMcpServerBuilder builder, McpServerExtension extension)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(extension);
        builder.Services.AddSingleton(extension);
        return builder;
    }

    /// <summary>Adds a custom <c>completion/complete</c> handler; return null to fall back to built-in suggestions.</summary>
    public static IMcpServerBuilder WithCompletionHandler(this IMcpServerBuilder builder, Func<McpRequestContext, CompleteRequestParams, ValueTask<Completion?>> handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.AddSingleton(new McpCompletionHandler(handler));
        return builder;
    }
}
