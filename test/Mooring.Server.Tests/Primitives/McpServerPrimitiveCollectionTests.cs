namespace Mooring.Server.Tests.Primitives;

public sealed class McpServerPrimitiveCollectionTests
{
    private sealed record Item(string Key) : IMcpServerPrimitive;

    private static McpServerPrimitiveCollection<Item> Of(params string[] keys)
    {
        var collection = new McpServerPrimitiveCollection<Item>();
        foreach (string key in keys)
        {
            collection.Add(new Item(key));
        }

        return collection;
    }

    [Fact]
    public void Snapshot_IsOrderedByOrdinalKey()
    {
        McpServerPrimitiveCollection<Item> collection = Of("b", "B", "a", "_", "10", "9");

        Assert.Equal(["10", "9", "B", "_", "a", "b"], collection.Snapshot.Select(i => i.Key));
        Assert.Equal(6, collection.Count);
    }

    [Fact]
    public void GetPage_FromStart_ReturnsPageSizeAndWhetherMoreFollow()
    {
        McpServerPrimitiveCollection<Item> collection = Of("a", "b", "c");

        (IReadOnlyList<Item> page, bool hasMore) = collection.GetPage(null, 2);
        (IReadOnlyList<Item> all, bool more) = collection.GetPage(null, 3);

        Assert.Equal(["a", "b"], page.Select(i => i.Key));
        Assert.True(hasMore);
        Assert.Equal(3, all.Count);
        Assert.False(more);
    }

    [Fact]
    public void GetPage_AfterKeyThatNoLongerExists_StartsAfterItsPosition()
    {
        McpServerPrimitiveCollection<Item> collection = Of("a", "c", "e");

        (IReadOnlyList<Item> page, bool hasMore) = collection.GetPage("b", 10);

        Assert.Equal(["c", "e"], page.Select(i => i.Key));
        Assert.False(hasMore);
    }

    [Fact]
    public void GetPage_AfterTheLastKey_IsEmpty()
    {
        (IReadOnlyList<Item> page, bool hasMore) = Of("a").GetPage("a", 5);

        Assert.Empty(page);
        Assert.False(hasMore);
    }

    [Fact]
    public void Changed_RaisedForAddSetAndEffectiveRemoveOnly()
    {
        McpServerPrimitiveCollection<Item> collection = Of("a");
        int changes = 0;
        collection.Changed += (_, _) => changes++;

        collection.Add(new Item("b"));
        collection.Set(new Item("b"));
        Assert.True(collection.Remove("a"));
        Assert.False(collection.Remove("a"));
        Assert.Throws<InvalidOperationException>(() => collection.Add(new Item("b")));

        Assert.Equal(3, changes);
    }

    [Fact]
    public void TryGet_IsCaseSensitive()
    {
        McpServerPrimitiveCollection<Item> collection = Of("Echo");

        Assert.True(collection.TryGet("Echo", out _));
        Assert.False(collection.TryGet("echo", out _));
    }

    [Fact]
    public void Snapshot_TakenBeforeAChange_DoesNotSeeIt()
    {
        McpServerPrimitiveCollection<Item> collection = Of("a");
        IReadOnlyList<Item> before = collection.Snapshot;

        collection.Add(new Item("b"));

        Assert.Single(before);
        Assert.Equal(2, collection.Snapshot.Count);
    }
}
