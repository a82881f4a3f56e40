using System.Globalization;

namespace Mooring.Probe.Observation;

/// <summary>Threads and resident memory from /proc/PID/status.</summary>
internal readonly record struct ProcessStatus(int Threads, long RssBytes)
{
    /// <summary>Reads "Threads:" and "VmRSS:" (in kB); null when either is missing.</summary>
    public static ProcessStatus? Parse(string text)
    {
        int? threads = null;
        long? rssKb = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name == "Threads" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t))
            {
                threads = t;
            }
            else if (name == "VmRSS" && long.TryParse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                rssKb = kb;
            }
        }

        return threads is { } th && rssKb is { } rss ? new ProcessStatus(th, rss * 1024) : null;
    }
}
