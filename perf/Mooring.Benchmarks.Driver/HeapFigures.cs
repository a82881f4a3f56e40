using System.Globalization;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// A server's live managed heap after forced full collections, as perf/Mooring.Benchmarks.HeapProbe reports it: all
/// live bytes, and those of the small-object heap (where per-session and per-stream state lives), the large-object
/// heap and the pinned-object heap (Kestrel's buffer pool).
/// </summary>
internal sealed record HeapFigures(long Total, long SmallObjectHeap, long LargeObjectHeap, long PinnedObjectHeap)
{
    public static HeapFigures Parse(string text)
    {
        long[] values = [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))];
        return values.Length == 4
            ? new HeapFigures(values[0], values[1], values[2], values[3])
            : throw new FormatException($"Expected four numbers, got '{text}'.");
    }
}
