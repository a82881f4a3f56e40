using System.Net;
using Mooring.Probe.Observation;

namespace Mooring.Probe.Tests.Observation;

public class ProcNetTcpTests
{
    // Real lines from this machine's /proc/net/tcp and /proc/net/tcp6 (a listener, TIME-WAIT sockets, and the
    // client side of a stopped-reader connection with 3.9 MB it could not send), header included.
    private const string Tcp4 = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:0C7F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 151764 1 00000000f7fc5546 100 0 0 10 0
           2: 0100007F:9DCD 0100007F:9942 06 00000000:00000000 03:00000099 00000000     0        0 0 3 000000002dbb54cd
         348: 0100007F:A944 0100007F:94D5 01 003B3CBC:00001000 04:00000020 00000000     0        0 1046966 2 000000001addc6c2 20 4 1 14 8
        """;

    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0000000000000000FFFF00000100007F:B606 0000000000000000FFFF00000100007F:AC35 06 00000000:00000000 03:0000009E 00000000     0        0 0 3 000000003136e922
        """;

    [Fact]
    public void Parse_RealTcp4Lines_SkipsHeaderAndReadsEveryField()
    {
        var entries = ProcNetTcp.Parse(Tcp4).ToList();

        Assert.Equal(3, entries.Count);
        Assert.Equal(new TcpSocketEntry(IPAddress.Loopback, 3199, IPAddress.Any, 0, TcpState.Listen, 0, 0, 151764), entries[0]);
        Assert.Equal(TcpState.TimeWait, entries[1].State);
        Assert.Equal(0x9DCD, entries[1].LocalPort);
        Assert.Equal(0x9942, entries[1].RemotePort);
        Assert.Equal(0, entries[1].Inode);
        Assert.Equal(TcpState.Established, entries[2].State);
        Assert.Equal(0x94D5, entries[2].RemotePort);
        Assert.Equal(0x3B3CBC, entries[2].SendQueueBytes);
        Assert.Equal(0x1000, entries[2].ReceiveQueueBytes);
        Assert.Equal(1046966, entries[2].Inode);
    }

    [Fact]
    public void Parse_RealTcp6Line_ReadsMappedLoopbackAddress()
    {
        var entry = Assert.Single(ProcNetTcp.Parse(Tcp6));

        Assert.Equal(IPAddress.Parse("::ffff:127.0.0.1"), entry.LocalAddress);
        Assert.Equal(0xB606, entry.LocalPort);
        Assert.Equal(0xAC35, entry.RemotePort);
        Assert.Equal(TcpState.TimeWait, entry.State);
    }

    [Theory]
    [InlineData("00000000000000000000000001000000:1F90", "::1", 8080)]
    [InlineData("0100007F:0050", "127.0.0.1", 80)]
    [InlineData("0101007F:0001", "127.0.1.1", 1)]
    public void TryParseEndPoint_KernelByteOrder_GivesAddressAndPort(string text, string address, int port)
    {
        Assert.True(ProcNetTcp.TryParseEndPoint(text, out var parsed, out var parsedPort));
        Assert.Equal(IPAddress.Parse(address), parsed);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  sl  local_address rem_address   st tx_queue")]
    [InlineData("   0: 0100007F 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   0: 0100007F:0C7F 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    public void TryParseLine_Malformed_ReturnsFalse(string line) =>
        Assert.False(ProcNetTcp.TryParseLine(line, out _));

    [Fact]
    public void ReadAll_ThisMachine_FindsAListenerWeOpen()
    {
        if (!ProcNetTcp.IsAvailable)
        {
            return; // not Linux: nothing to read
        }

        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(ProcNetTcp.ReadAll(), e => e.LocalPort == port && e.State == TcpState.Listen);
    }
}
