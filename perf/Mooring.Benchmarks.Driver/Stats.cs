namespace Mooring.Benchmarks.Driver;

internal static class Stats
{
    /// <summary>The median of the numbers that are not NaN (the mean of the middle two for an even count); NaN for none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile (the smallest value with at least <paramref name="percent"/> % of the values at or
    /// below it) of the numbers that are not NaN; NaN for none. With 10 values, p90 is the 9th smallest.
    /// </summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary><paramref name="a"/> / <paramref name="b"/>, NaN when either is missing or <paramref name="b"/> is 0.</summary>
    public static double Divide(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? double.NaN : a / b;
}
