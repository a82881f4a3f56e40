using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// A Linux network namespace of its own (<c>ip netns add</c>), so a test can cut every packet between a server and its
/// clients without touching the machine's network: <see cref="SetLoopback"/>(false) takes the namespace's loopback
/// down, and packets on it are dropped without FIN or RST, exactly as if the peer had vanished. Processes join it
/// through <see cref="Wrap"/> (<c>ip netns exec</c>); sockets of this process through <see cref="ConnectAsync"/>.
/// Dispose deletes it. Needs root and <c>ip</c> (Debian package iproute2; test.sh installs it).
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000; // <sched.h>: setns into a network namespace
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private static int s_created;

    private readonly string _ip;
    private bool _deleted;

    private NetworkNamespace(string ip, string name)
    {
        _ip = ip;
        Name = name;
    }

    /// <summary>The namespace's name, unique to this test process: <c>mooring-ho-&lt;pid&gt;-&lt;n&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Creates the namespace and brings its loopback up. Fails with a clear message when <c>ip</c> is missing.</summary>
    public static NetworkNamespace Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Network namespaces are Linux's; these tests run on Linux only.");
        }

        string ip = FindIp() ?? throw new InvalidOperationException(
            "The 'ip' command (Debian package iproute2) is not on PATH; it creates the network namespace these tests cut " +
            "packets in. Install it (apt-get install iproute2; test.sh does this) and run the tests as root.");
        var created = new NetworkNamespace(ip, $"mooring-ho-{Environment.ProcessId}-{Interlocked.Increment(ref s_created)}");
        created.Run("netns", "add", created.Name);
        try
        {
            created.SetLoopback(up: true);
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Takes the namespace's loopback up or down. Down drops every packet on it, in both directions, silently.</summary>
    public void SetLoopback(bool up) => Run("-n", Name, "link", "set", "lo", up ? "up" : "down");

    /// <summary>
    /// The same command run inside the namespace: <c>ip netns exec NAME command…</c>. <c>ip</c> execs the command in
    /// place, so the started process's id is the command's own, and killing it kills nothing else.
    /// </summary>
    public ProcessStartInfo Wrap(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        string[] arguments = [.. startInfo.ArgumentList];
        string command = startInfo.FileName;
        startInfo.FileName = _ip;
        startInfo.ArgumentList.Clear();
        foreach (string argument in (string[])["netns", "exec", Name, command, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>
    /// A TCP socket created inside the namespace and connected to <paramref name="endpoint"/> there. A socket belongs
    /// to the namespace of the thread that created it, for its whole life, so a dedicated thread joins the namespace
    /// (setns), creates and connects the socket, and ends; no pool thread ever changes namespace.
    /// </summary>
    public async Task<Socket> ConnectAsync(IPEndPoint endpoint)
    {
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle(Path.Combine("/var/run/netns", Name));
                if (SetNamespace(handle, CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into network namespace '{Name}' failed");
                }

                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Connect(endpoint); // loopback: refused or accepted at once
                    connected.SetResult(socket);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            catch (Exception ex)
            {
                connected.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = $"connect in {Name}",
        };
        thread.Start();
        return await connected.Task.WaitAsync(CommandTimeout);
    }

    /// <summary>Deletes the namespace (processes still in it keep it alive until they exit, unnamed).</summary>
    public void Dispose()
    {
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        Run("netns", "delete", Name);
    }

    private void Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(_ip)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{_ip}'.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new TimeoutException($"'ip {string.Join(' ', arguments)}' did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'ip {string.Join(' ', arguments)}' exited with {process.ExitCode} (root is needed): {error.Result}{output.Result}");
        }
    }

    private static string? FindIp()
    {
        // /usr/sbin and /sbin are not always on a non-root PATH; ip lives there on Debian.
        IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(directory => Path.Combine(directory, "ip"))
            .FirstOrDefault(File.Exists);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(SafeFileHandle fd, int nstype);
}
