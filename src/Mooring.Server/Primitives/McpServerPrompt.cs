using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A prompt: its protocol description, how to render it, and how to complete its arguments.</summary>
public abstract class McpServerPrompt : IMcpServerPrimitive
{
    /// <summary>The prompt as listed by <c>prompts/list</c>.</summary>
    public abstract Prompt ProtocolPrompt { get; }

    /// <inheritdoc />
    public string Key => ProtocolPrompt.Name;

    /// <summary>
    /// Renders the prompt. Throws <see cref="McpException"/> with <see cref="JsonRpcErrorCodes.InvalidParams"/> when
    /// arguments are missing or invalid.
    /// </summary>
    public abstract ValueTask<GetPromptResult> GetAsync(McpRequestContext context, IReadOnlyDictionary<string, string>? arguments);

    /// <summary>Suggests values for an argument; null when the prompt has no suggestions for it.</summary>
    public virtual Completion? Complete(string argumentName, string value) => null;

    /// <summary>Creates a prompt from a method marked (or not) with <see cref="McpPromptAttribute"/>.</summary>
    public static McpServerPrompt Create(MethodInfo method, object? target, McpServerOptions options, IServiceProviderIsService? isService = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        return new MethodServerPrompt(new McpMethodBinder(method, target, options, isService), method.GetCustomAttribute<McpPromptAttribute>(), options);
    }
}
