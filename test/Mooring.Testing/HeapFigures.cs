using System.Globalization;

namespace Mooring.Testing;

/// <summary>
/// A process's live managed heap after forced, full, compacting collections, split the way the GC keeps it. The
/// small-object heap (generations 0 to 2) is where a server's per-session, per-stream and per-request state lives, so
/// it is the figure that shows a leak of that state. Large objects (85,000 bytes and more, in these servers I/O
/// buffers) and the pinned-object heap (Kestrel's buffer pool) are given apart: .NET keeps released buffers in pools
/// whose contents depend on which threads ran the work and on trimming timers, not on what the server still references.
/// </summary>
/// <param name="Total">All live bytes, as <see cref="GC.GetTotalMemory(bool)"/> reports them.</param>
/// <param name="SmallObjectHeap">Live bytes of generations 0 to 2 (size after the collection less its free space).</param>
/// <param name="LargeObjectHeap">Live bytes of the large-object heap.</param>
/// <param name="PinnedObjectHeap">Live bytes of the pinned-object heap.</param>
public sealed record HeapFigures(long Total, long SmallObjectHeap, long LargeObjectHeap, long PinnedObjectHeap)
{
    /// <summary>
    /// Measures this process: <c>GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect()</c>, so objects kept alive
    /// only by a finalizer are gone too, then <see cref="GC.GetTotalMemory(bool)"/> and the last full collection's
    /// figures by generation.
    /// </summary>
    public static HeapFigures Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long total = GC.GetTotalMemory(forceFullCollection: true);
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        ReadOnlySpan<GCGenerationInfo> generations = info.GenerationInfo;
        return new HeapFigures(total, Live(generations, 0) + Live(generations, 1) + Live(generations, 2), Live(generations, 3), Live(generations, 4));
    }

    // Generations 3 and 4 are the large- and pinned-object heaps; each figure counts its live objects, not its free space.
    private static long Live(ReadOnlySpan<GCGenerationInfo> generations, int generation) =>
        generation < generations.Length ? generations[generation].SizeAfterBytes - generations[generation].FragmentationAfterBytes : 0;

    /// <summary>Reads <see cref="Format"/>'s text.</summary>
    public static HeapFigures Parse(string text)
    {
        long[] values = [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))];
        return values.Length == 4
            ? new HeapFigures(values[0], values[1], values[2], values[3])
            : throw new FormatException($"Expected four numbers, got '{text}'.");
    }

    /// <summary>The four figures as invariant numbers separated by spaces, for <see cref="Parse"/>.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Total} {SmallObjectHeap} {LargeObjectHeap} {PinnedObjectHeap}");

    /// <summary>The figures in MB, for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"total {Mb(Total)} MB (small objects {Mb(SmallObjectHeap)}, large objects {Mb(LargeObjectHeap)}, pinned {Mb(PinnedObjectHeap)})");

    /// <summary>Bytes as MB with two decimals.</summary>
    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture);
}
