using System.Diagnostics;
using Mooring.Probe.Observation;

namespace Mooring.Probe.Tests.Idle;

/// <summary>
/// The server's sockets in CLOSE-WAIT: rows of /proc/net/tcp* on the server's local port held by the server process
/// (its socket inodes, from /proc/PID/fd), counted by the probe's own readers. A socket in CLOSE-WAIT is one whose peer
/// closed and that the server has not closed yet: the leak the probe was written to find.
/// </summary>
internal static class ServerSockets
{
    public static int CloseWait(int pid, int port) =>
        SocketCounts.Count(ProcNetTcp.ReadAll(), port, new ProcessSampler(pid).ReadSocketInodes()).CloseWait;

    /// <summary>Polls every 50 ms until no socket is in CLOSE-WAIT or <paramref name="bound"/> passed; returns the last count.</summary>
    public static async Task<int> WaitForNoCloseWaitAsync(int pid, int port, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = CloseWait(pid, port);
            if (count == 0 || clock.Elapsed >= bound)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
