namespace Mooring.Probe.Observation;

/// <summary>The server's connection sockets on its port by state (listening sockets excluded), and bytes it has not sent yet.</summary>
internal readonly record struct SocketCounts(int CloseWait, int Established, int TimeWait, int Other, long SendQueueBytes)
{
    /// <summary>
    /// Counts server-side sockets: local port <paramref name="serverPort"/>. With <paramref name="ownedInodes"/> (the
    /// server process's socket inodes) a socket counts only when that process holds it, except sockets with inode 0
    /// (TIME-WAIT, orphaned FIN-WAIT), which no process holds any more and are counted by port.
    /// </summary>
    public static SocketCounts Count(IEnumerable<TcpSocketEntry> entries, int serverPort, IReadOnlySet<long>? ownedInodes)
    {
        int closeWait = 0, established = 0, timeWait = 0, other = 0;
        long sendQueue = 0;
        foreach (var entry in entries)
        {
            if (entry.LocalPort != serverPort || entry.State == TcpState.Listen)
            {
                continue;
            }

            if (ownedInodes is not null && entry.Inode != 0 && !ownedInodes.Contains(entry.Inode))
            {
                continue;
            }

            switch (entry.State)
            {
                case TcpState.CloseWait:
                    closeWait++;
                    break;
                case TcpState.Established:
                    established++;
                    break;
                case TcpState.TimeWait:
                    timeWait++;
                    break;
                default:
                    other++;
                    break;
            }

            sendQueue += entry.SendQueueBytes;
        }

        return new SocketCounts(closeWait, established, timeWait, other, sendQueue);
    }
}
