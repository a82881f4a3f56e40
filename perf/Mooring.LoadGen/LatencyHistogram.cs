using System.Numerics;

namespace Mooring.LoadGen;

/// <summary>
/// A fixed-size log-linear histogram of latencies in nanoseconds: exact below 256 ns, then 128 linear
/// buckets per power of two, so any reported percentile is within 0.4 % of a recorded value.
/// Recording never allocates; one instance per connection, merged after the run.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 8;
    private const int SubBucketCount = 1 << SubBucketBits;       // 256: values below this are exact
    private const int HalfSubBucketCount = SubBucketCount / 2;   // 128 buckets per power of two above it
    private const int MaxValueBits = 40;                         // 2^40 ns is about 18 minutes; larger values are clamped
    private const int BucketCount = SubBucketCount + ((MaxValueBits - SubBucketBits) * HalfSubBucketCount);

    private static readonly double NanosecondsPerTick = 1e9 / System.Diagnostics.Stopwatch.Frequency;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long MinNanoseconds { get; private set; } = long.MaxValue;

    public long MaxNanoseconds { get; private set; }

    public double SumNanoseconds { get; private set; }

    /// <summary>Records the time between two <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> readings.</summary>
    public void RecordTicks(long startTimestamp, long endTimestamp) =>
        Record((long)((endTimestamp - startTimestamp) * NanosecondsPerTick));

    public void Record(long nanoseconds)
    {
        nanoseconds = Math.Clamp(nanoseconds, 0, (1L << MaxValueBits) - 1);
        _counts[IndexOf(nanoseconds)]++;
        Count++;
        SumNanoseconds += nanoseconds;
        MinNanoseconds = Math.Min(MinNanoseconds, nanoseconds);
        MaxNanoseconds = Math.Max(MaxNanoseconds, nanoseconds);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumNanoseconds += other.SumNanoseconds;
        MinNanoseconds = Math.Min(MinNanoseconds, other.MinNanoseconds);
        MaxNanoseconds = Math.Max(MaxNanoseconds, other.MaxNanoseconds);
    }

    /// <summary>The value at <paramref name="percentile"/> (0 to 100): the middle of the bucket holding that rank, clamped to the recorded range.</summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (lower, width) = BucketRange(i);
                return Math.Clamp(lower + (width / 2), MinNanoseconds, MaxNanoseconds);
            }
        }

        return MaxNanoseconds;
    }

    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        // Keep the top SubBucketBits-1 bits below the leading one: top is in [128, 256).
        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - (SubBucketBits - 1);
        var top = (int)(value >> shift);
        return SubBucketCount + ((shift - 1) * HalfSubBucketCount) + (top - HalfSubBucketCount);
    }

    internal static (long Lower, long Width) BucketRange(int index)
    {
        if (index < SubBucketCount)
        {
            return (index, 1);
        }

        var k = index - SubBucketCount;
        var shift = (k / HalfSubBucketCount) + 1;
        var top = (long)((k % HalfSubBucketCount) + HalfSubBucketCount);
        return (top << shift, 1L << shift);
    }
}
