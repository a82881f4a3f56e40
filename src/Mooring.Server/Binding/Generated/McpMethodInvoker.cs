namespace Mooring.Server;

/// <summary>
/// Calls a handler method with its bound arguments and awaits what it returns, written at compile time by the Mooring
/// source generator so that no call goes through reflection (and Native AOT needs none).
/// </summary>
/// <param name="instance">The instance for an instance method; null for a static one.</param>
/// <param name="arguments">One value per parameter, in order; null stands for the parameter type's default.</param>
/// <returns>The awaited result; null for void and non-generic tasks.</returns>
public delegate ValueTask<object?> McpMethodInvoker(object? instance, object?[] arguments);
