using Microsoft.Extensions.DependencyInjection;

namespace Mooring.Server;

/// <summary>A service scope with one owner at a time, disposed once: the request while it runs, then a task it became.</summary>
internal sealed class AsyncServiceScopeOwner(AsyncServiceScope scope)
{
    private int _disposed;

    public IServiceProvider Services => scope.ServiceProvider;

    public async ValueTask DisposeOnceAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }
}
