using System.ComponentModel;
using System.Reflection;

namespace Mooring.Server;

/// <summary>
/// The methods the Mooring source generator has written invokers for, registered by the generated module
/// initializers when their assembly loads. Binding looks here first and falls back to reflection only for a method
/// the generator could not reach (a private one, a generic one), and only where reflection is allowed.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpGeneratedMethods
{
    private static readonly Lock Gate = new();
    private static Dictionary<Type, McpGeneratedMethod[]> _byType = [];

    /// <summary>Registers the generated methods of one type (called by generated code).</summary>
    public static void Register(params McpGeneratedMethod[] methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        lock (Gate)
        {
            // Copy on write: lookups read a dictionary that is never changed after it is published.
            var next = new Dictionary<Type, McpGeneratedMethod[]>(_byType);
            foreach (McpGeneratedMethod method in methods)
            {
                next[method.DeclaringType] = next.TryGetValue(method.DeclaringType, out McpGeneratedMethod[]? existing) ? [.. existing, method] : [method];
            }

            _byType = next;
        }
    }

    /// <summary>The generated invoker of <paramref name="method"/>, or null when the generator did not write one.</summary>
    internal static McpGeneratedMethod? Find(MethodInfo method)
    {
        if (method.DeclaringType is not { } type || !Volatile.Read(ref _byType).TryGetValue(type, out McpGeneratedMethod[]? candidates))
        {
            return null;
        }

        ParameterInfo[]? parameters = null;
        foreach (McpGeneratedMethod candidate in candidates)
        {
            if (candidate.Name != method.Name)
            {
                continue;
            }

            parameters ??= method.GetParameters();
            if (candidate.ParameterTypes.Length == parameters.Length && Matches(candidate.ParameterTypes, parameters))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool Matches(Type[] types, ParameterInfo[] parameters)
    {
        for (int i = 0; i < types.Length; i++)
        {
            if (types[i] != parameters[i].ParameterType)
            {
                return false;
            }
        }

        return true;
    }
}
