using System.Net;
using Mooring.Probe.Observation;

namespace Mooring.Probe.Tests.Observation;

public class SocketCountsTests
{
    private const int ServerPort = 38101;

    private static TcpSocketEntry Entry(int localPort, int remotePort, TcpState state, long inode, long sendQueue = 0) =>
        new(IPAddress.Loopback, localPort, IPAddress.Loopback, remotePort, state, sendQueue, 0, inode);

    private static readonly TcpSocketEntry[] Entries =
    [
        Entry(ServerPort, 0, TcpState.Listen, 10),
        Entry(ServerPort, 50001, TcpState.Established, 11, sendQueue: 4096),
        Entry(ServerPort, 50002, TcpState.CloseWait, 12),
        Entry(ServerPort, 50003, TcpState.CloseWait, 99),   // another process on the same port (SO_REUSEPORT, a restart)
        Entry(ServerPort, 50004, TcpState.TimeWait, 0),
        Entry(ServerPort, 50005, TcpState.FinWait1, 13),
        Entry(50006, ServerPort, TcpState.Established, 14), // the client's side of a connection: not the server's
    ];

    [Fact]
    public void Count_ByPortOnly_CountsEveryServerSideSocketExceptListeners()
    {
        var counts = SocketCounts.Count(Entries, ServerPort, ownedInodes: null);

        Assert.Equal(new SocketCounts(CloseWait: 2, Established: 1, TimeWait: 1, Other: 1, SendQueueBytes: 4096), counts);
    }

    [Fact]
    public void Count_WithProcessInodes_CountsOnlyItsSocketsAndOwnerlessTimeWait()
    {
        var counts = SocketCounts.Count(Entries, ServerPort, new HashSet<long> { 10, 11, 12, 13, 14 });

        Assert.Equal(new SocketCounts(CloseWait: 1, Established: 1, TimeWait: 1, Other: 1, SendQueueBytes: 4096), counts);
    }
}
