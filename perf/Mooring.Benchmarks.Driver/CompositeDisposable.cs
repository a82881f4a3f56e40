namespace Mooring.Benchmarks.Driver;

/// <summary>Disposes several things as one, in order.</summary>
internal sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    private readonly IDisposable[] _items = [.. items];

    public void Dispose()
    {
        foreach (var item in _items)
        {
            item.Dispose();
        }
    }
}
