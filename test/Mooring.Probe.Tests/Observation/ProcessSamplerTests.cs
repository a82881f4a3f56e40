using Mooring.Probe.Observation;

namespace Mooring.Probe.Tests.Observation;

public class ProcessSamplerTests
{
    // An excerpt of a real /proc/PID/status of Mooring.Host on this machine.
    private const string Status = """
        Name:	dotnet
        State:	S (sleeping)
        Pid:	11761
        VmHWM:	  119656 kB
        VmRSS:	  119656 kB
        Threads:	25
        """;

    [Fact]
    public void ParseStatus_RealExcerpt_ReadsThreadsAndRss()
    {
        Assert.Equal(new ProcessStatus(25, 119656L * 1024), ProcessStatus.Parse(Status));
    }

    [Fact]
    public void ParseStatus_WithoutVmRss_IsNull()
    {
        // A zombie's status has no Vm* lines.
        Assert.Null(ProcessStatus.Parse("Name:\tdotnet\nState:\tZ (zombie)\nThreads:\t1\n"));
    }

    [Theory]
    [InlineData("socket:[1022379]", 1022379L)]
    [InlineData("socket:[]", null)]
    [InlineData("pipe:[1022379]", null)]
    [InlineData("anon_inode:[eventpoll]", null)]
    [InlineData("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/System.Private.CoreLib.dll", null)]
    public void ParseSocketInode_FdLinkTargets(string target, long? inode) =>
        Assert.Equal(inode, ProcessSampler.ParseSocketInode(target));

    [Fact]
    public void ReadSocketInodes_ThisProcess_IncludesAListenerWeOpen()
    {
        if (!ProcNetTcp.IsAvailable)
        {
            return;
        }

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var sampler = new ProcessSampler(Environment.ProcessId);

        var inodes = sampler.ReadSocketInodes();
        var entry = ProcNetTcp.ReadAll().Single(e => e.LocalPort == port && e.State == TcpState.Listen);

        Assert.NotNull(inodes);
        Assert.Contains(entry.Inode, inodes);
        Assert.True(sampler.ReadStatus() is { Threads: > 0, RssBytes: > 0 });
    }
}
