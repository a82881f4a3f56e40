using System.Globalization;

namespace Mooring.LoadGen;

/// <summary>CPU time of another process, from Linux's <c>/proc/PID/stat</c>.</summary>
internal static class ProcessCpu
{
    /// <summary>
    /// Clock ticks per second of <c>/proc</c>'s time fields: USER_HZ, which Linux fixes at 100 for user space on every
    /// architecture the .NET runtime supports (<c>getconf CLK_TCK</c>), hence 10 ms resolution.
    /// </summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of all threads of <paramref name="pid"/> so far; null when it cannot be read (gone, not Linux).</summary>
    public static double? ReadSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        // Fields 14 and 15 (utime, stime) are the 12th and 13th after it; field 3 (state) is the first.
        var rest = stat.AsSpan(stat.LastIndexOf(')') + 1).Trim();
        Span<Range> fields = stackalloc Range[14];
        if (rest.Split(fields, ' ') < 13
            || !long.TryParse(rest[fields[11]], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(rest[fields[12]], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        return (utime + stime) / TicksPerSecond;
    }
}
