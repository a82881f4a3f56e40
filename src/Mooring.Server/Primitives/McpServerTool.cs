using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>A tool: its protocol description and how to call it.</summary>
public abstract class McpServerTool : IMcpServerPrimitive, IMcpValidatedPrimitive
{
    private IReadOnlyList<McpToolHeaderParameter>? _headerParameters;

    /// <summary>The tool as listed by <c>tools/list</c>.</summary>
    public abstract Tool ProtocolTool { get; }

    /// <inheritdoc />
    public string Key => ProtocolTool.Name;

    /// <summary>
    /// The arguments clients mirror into <c>Mcp-Param-{Name}</c> headers: the properties of
    /// <see cref="Tool.InputSchema"/> annotated with <c>x-mcp-header</c> (by <see cref="McpHeaderAttribute"/> or as written
    /// in a hand-made schema), in schema order; empty when there are none. Read from the schema once, when the tool is
    /// created or registered, and cached; the HTTP transport checks each request's headers against it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An annotation breaks the rules of the 2026-07-28 revision: an empty or non-token name, a name repeated ignoring
    /// case, a type other than string, integer or boolean, or a property not reachable through <c>properties</c> alone.
    /// A tool registered through <see cref="McpServerPrimitiveCollection{T}"/> has already passed this check.
    /// </exception>
    public IReadOnlyList<McpToolHeaderParameter> HeaderParameters =>
        // A race computes the same immutable list twice; no lock needed.
        _headerParameters ??= McpHeaderSchema.Extract(ProtocolTool.Name, ProtocolTool.InputSchema);

    /// <inheritdoc />
    void IMcpValidatedPrimitive.Validate() => _ = HeaderParameters;

    /// <summary>Whether the tool can run as a task. Default <see cref="McpTaskSupport.Forbidden"/>.</summary>
    public virtual McpTaskSupport TaskSupport => McpTaskSupport.Forbidden;

    /// <summary>True when the tool becomes a task itself, with <see cref="McpRequestContext.DetachAsTaskAsync"/>, after asking for its input.</summary>
    public virtual bool DefersTaskCreation => false;

    /// <summary>
    /// Calls the tool. Failures the client should see (bad arguments, errors the tool reports) come back as a result
    /// with <c>isError</c>; exceptions are reserved for cancellation.
    /// </summary>
    public abstract ValueTask<CallToolResult> InvokeAsync(McpRequestContext context, JsonElement? arguments);

    /// <summary>
    /// Calls the tool with its arguments object as the client sent it (UTF-8 JSON, valid; empty when absent or null).
    /// The bytes are only valid until the first await: this reads them before it returns. The default builds the
    /// <see cref="JsonElement"/> <see cref="InvokeAsync"/> takes; a tool that can bind from the bytes overrides it.
    /// </summary>
    internal virtual ValueTask<CallToolResult> InvokeRawAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments) =>
        InvokeAsync(context, arguments.IsEmpty ? null : JsonSerializer.Deserialize(arguments.Span, McpJsonContext.Default.JsonElement));

    /// <summary>Creates a tool from a method marked (or not) with <see cref="McpToolAttribute"/>.</summary>
    /// <param name="method">The method.</param>
    /// <param name="target">The instance for an instance method; null to create one per call through DI.</param>
    /// <param name="options">Server options (serializer options for arguments and schemas).</param>
    /// <param name="isService">Tells DI services apart from arguments; null treats every unknown parameter as an argument.</param>
    public static McpServerTool Create(MethodInfo method, object? target, McpServerOptions options, IServiceProviderIsService? isService = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        return new MethodServerTool(new McpMethodBinder(method, target, options, isService), method.GetCustomAttribute<McpToolAttribute>(), null, options);
    }

    /// <summary>Creates a tool from a delegate, under an explicit name.</summary>
    [RequiresUnreferencedCode("Binds the delegate by reflection.")]
    [RequiresDynamicCode("Binds the delegate by reflection.")]
    public static McpServerTool Create(string name, Delegate handler, McpServerOptions options, string? description = null, IServiceProviderIsService? isService = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        var binder = new McpMethodBinder(handler.Method, handler.Target, options, isService);
        return new MethodServerTool(binder, handler.Method.GetCustomAttribute<McpToolAttribute>(), (name, description), options);
    }
}
