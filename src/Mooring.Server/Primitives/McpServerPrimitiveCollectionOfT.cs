using System.Collections.Immutable;

namespace Mooring.Server;

/// <summary>
/// A thread-safe, ordered set of primitives that can change while the server runs. Listing reads an immutable
/// snapshot sorted by key (ordinal), so pages are deterministic and cursors stay stable while it changes. Each change
/// raises <see cref="Changed"/>, which the server turns into <c>list_changed</c> notifications.
/// </summary>
/// <typeparam name="T">The primitive type.</typeparam>
public sealed class McpServerPrimitiveCollection<T>
    where T : class, IMcpServerPrimitive
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<string, T> _items = ImmutableSortedDictionary.Create<string, T>(StringComparer.Ordinal);

    /// <summary>Raised after the set changed.</summary>
    public event EventHandler? Changed;

    /// <summary>Number of primitives.</summary>
    public int Count => _items.Count;

    /// <summary>A snapshot of the primitives in key order.</summary>
    public IReadOnlyList<T> Snapshot => [.. _items.Values];

    /// <summary>Adds a primitive; throws when its key is taken.</summary>
    /// <exception cref="InvalidOperationException">A primitive with the same key is registered.</exception>
    /// <exception cref="ArgumentException">The primitive is invalid (e.g. a tool's <c>x-mcp-header</c> annotations break the rules).</exception>
    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        (item as IMcpValidatedPrimitive)?.Validate();
        lock (_gate)
        {
            if (_items.ContainsKey(item.Key))
            {
                throw new InvalidOperationException($"A primitive with key '{item.Key}' is already registered.");
            }

            _items = _items.Add(item.Key, item);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Adds or replaces a primitive.</summary>
    /// <exception cref="ArgumentException">The primitive is invalid (e.g. a tool's <c>x-mcp-header</c> annotations break the rules).</exception>
    public void Set(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        (item as IMcpValidatedPrimitive)?.Validate();
        lock (_gate)
        {
            _items = _items.SetItem(item.Key, item);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Removes the primitive with <paramref name="key"/>; returns false when there was none.</summary>
    public bool Remove(string key)
    {
        bool removed;
        lock (_gate)
        {
            ImmutableSortedDictionary<string, T> next = _items.Remove(key);
            removed = !ReferenceEquals(next, _items);
            _items = next;
        }

        if (removed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return removed;
    }

    /// <summary>Finds a primitive by key.</summary>
    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T item) => _items.TryGetValue(key, out item);

    /// <summary>
    /// Returns the page after <paramref name="afterKey"/> (exclusive; null for the first page) and whether more follow.
    /// </summary>
    public (IReadOnlyList<T> Page, bool HasMore) GetPage(string? afterKey, int pageSize)
    {
        ImmutableSortedDictionary<string, T> items = _items;
        var page = new List<T>(Math.Min(pageSize, items.Count));
        bool hasMore = false;
        foreach (KeyValuePair<string, T> pair in items)
        {
            if (afterKey is not null && string.CompareOrdinal(pair.Key, afterKey) <= 0)
            {
                continue;
            }

            if (page.Count == pageSize)
            {
                hasMore = true;
                break;
            }

            page.Add(pair.Value);
        }

        return (page, hasMore);
    }
}
