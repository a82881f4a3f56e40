using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Mooring.Server;

/// <summary>
/// What the Mooring source generator knows at compile time about one [McpTool], [McpPrompt] or [McpResource] method:
/// how to call it without reflection, what it returns, and which parameters accept null. Registered by generated code
/// through <see cref="McpGeneratedMethods.Register"/>; not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpGeneratedMethod
{
    /// <summary>The type that declares the method.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    public required Type DeclaringType { get; init; }

    /// <summary>The method's name.</summary>
    public required string Name { get; init; }

    /// <summary>The parameter types, in order: with the name, they tell overloads apart.</summary>
    public required Type[] ParameterTypes { get; init; }

    /// <summary>For each parameter, whether it accepts null (<c>T?</c>, annotated or a <see cref="Nullable{T}"/>).</summary>
    public required bool[] NullableParameters { get; init; }

    /// <summary>The awaited result type: null for void, <see cref="Task"/> and <see cref="ValueTask"/>.</summary>
    public Type? ResultType { get; init; }

    /// <summary>True when the method returns no task (it may block its thread).</summary>
    public bool IsSynchronous { get; init; }

    /// <summary>Calls the method.</summary>
    public required McpMethodInvoker Invoke { get; init; }
}
