using System.Text;

namespace Mooring.Interop.Tests;

/// <summary>
/// Tags a server process through an environment variable so a test can find exactly that process later.
/// The SDK's stdio transport owns the Process object; the tag is how we check it really ended.
/// Lookup reads /proc, so it works on Linux only and finds nothing elsewhere.
/// </summary>
public static class ProcessMarker
{
    public const string Variable = "MOORING_INTEROP_MARKER";

    public static string NewValue() => Guid.NewGuid().ToString("N");

    /// <summary>Ids of live processes whose environment holds <c>MOORING_INTEROP_MARKER=<paramref name="value"/></c>.</summary>
    public static IReadOnlyList<int> FindProcesses(string value)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var needle = Encoding.UTF8.GetBytes($"{Variable}={value}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // A zombie or exited process has an empty environ, so only live processes match.
                var environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environ.AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's process: not ours.
            }
        }

        return found;
    }

    /// <summary>Waits until no process carries the marker; returns the ids still alive at the deadline.</summary>
    public static async Task<IReadOnlyList<int>> WaitForExitAsync(string value, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = FindProcesses(value);
            if (alive.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return alive;
            }

            await Task.Delay(50);
        }
    }
}
