using System.ComponentModel;

namespace Mooring.Server;

/// <summary>Small helpers the generated invokers call: typed arguments and awaited results as objects.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpGeneratedInvoke
{
    /// <summary>The argument at <paramref name="index"/> as <typeparamref name="T"/>; null becomes the type's default.</summary>
    public static T Arg<T>(object?[] arguments, int index)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments[index] is { } value ? (T)value : default!;
    }

    /// <summary>A synchronous result.</summary>
    public static ValueTask<object?> Result<T>(T value) => new(value);

    /// <summary>Awaits a task that has no result.</summary>
    public static ValueTask<object?> Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : AwaitSlow(task);

        static async ValueTask<object?> AwaitSlow(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Awaits a task and boxes its result.</summary>
    public static ValueTask<object?> Await<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? new(task.Result) : AwaitSlow(task);

        static async ValueTask<object?> AwaitSlow(Task<T> task) => await task.ConfigureAwait(false);
    }

    /// <summary>Awaits a value task that has no result.</summary>
    public static ValueTask<object?> Await(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return AwaitSlow(task);

        static async ValueTask<object?> AwaitSlow(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Awaits a value task and boxes its result.</summary>
    public static ValueTask<object?> Await<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new(task.Result) : AwaitSlow(task);

    private static async ValueTask<object?> AwaitSlow<T>(ValueTask<T> task) => await task.ConfigureAwait(false);
}
