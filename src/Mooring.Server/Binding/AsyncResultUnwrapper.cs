using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Mooring.Server;

/// <summary>
/// Turns a handler's return value (sync, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;) into an awaited value,
/// with one delegate built per return type when the handler is registered, not per call.
/// </summary>
internal static class AsyncResultUnwrapper
{
    /// <summary>Returns the awaited result type (void → null) and the unwrapping function.</summary>
    [RequiresUnreferencedCode("Builds generic awaiters for handler return types by reflection.")]
    [RequiresDynamicCode("Builds generic awaiters for handler return types by reflection.")]
    public static (Type? ResultType, Func<object?, ValueTask<object?>> Unwrap) For(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (null, static _ => ValueTask.FromResult<object?>(null));
        }

        // The awaiting itself is the generated invokers' (McpGeneratedInvoke): only the casts are reflection's own.
        if (returnType == typeof(Task))
        {
            return (null, static o => McpGeneratedInvoke.Await((Task)o!));
        }

        if (returnType == typeof(ValueTask))
        {
            return (null, static o => McpGeneratedInvoke.Await((ValueTask)o!));
        }

        if (returnType.IsGenericType)
        {
            Type definition = returnType.GetGenericTypeDefinition();
            string? helper = definition == typeof(Task<>) ? nameof(AwaitTask) : definition == typeof(ValueTask<>) ? nameof(AwaitValueTask) : null;
            if (helper is not null)
            {
                Type resultType = returnType.GetGenericArguments()[0];
                MethodInfo method = typeof(AsyncResultUnwrapper).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
                return (resultType, method.CreateDelegate<Func<object?, ValueTask<object?>>>());
            }
        }

        return (returnType, static o => ValueTask.FromResult(o));
    }

    private static ValueTask<object?> AwaitTask<T>(object? task) => McpGeneratedInvoke.Await((Task<T>)task!);

    private static ValueTask<object?> AwaitValueTask<T>(object? task) => McpGeneratedInvoke.Await((ValueTask<T>)task!);
}
