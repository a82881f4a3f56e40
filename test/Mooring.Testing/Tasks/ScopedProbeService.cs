namespace Mooring.Testing;

/// <summary>A scoped service that knows whether its scope (the request's) was disposed.</summary>
public sealed class ScopedProbeService : IAsyncDisposable
{
    /// <summary>True once its scope was disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
