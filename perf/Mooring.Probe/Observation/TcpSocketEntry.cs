using System.Net;

namespace Mooring.Probe.Observation;

/// <summary>One row of /proc/net/tcp or tcp6. <see cref="Inode"/> is 0 for sockets no process holds (TIME-WAIT, orphans).</summary>
internal readonly record struct TcpSocketEntry(
    IPAddress LocalAddress,
    int LocalPort,
    IPAddress RemoteAddress,
    int RemotePort,
    TcpState State,
    long SendQueueBytes,
    long ReceiveQueueBytes,
    long Inode);
