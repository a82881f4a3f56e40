using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Mooring.AspNetCore;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel settings for long-lived MCP connections.</summary>
public static class McpKestrelExtensions
{
    // From <netinet/in.h> and <linux/tcp.h>; the values are part of the Linux ABI.
    private const int IpProtoTcp = 6;
    private const int TcpUserTimeout = 18;

    /// <summary>
    /// Turns on TCP keep-alive and, on Linux, the TCP user timeout (<see cref="McpTcpKeepAliveOptions"/>) for every TCP
    /// socket Kestrel's socket transport accepts, so half-open peers are found by the kernel, idle or not. The options
    /// are set on the listening socket: Linux, the BSDs and Windows copy <c>SO_KEEPALIVE</c> and the <c>TCP_KEEP*</c>
    /// values to each accepted socket, and Linux copies <c>TCP_USER_TIMEOUT</c> too, so there is no per-connection
    /// system call (the Mooring.AspNetCore tests read them back from accepted sockets). Unix domain socket endpoints
    /// are left alone.
    /// </summary>
    public static IWebHostBuilder UseMcpTcpKeepAlive(this IWebHostBuilder builder, Action<McpTcpKeepAliveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new McpTcpKeepAliveOptions();
        configure?.Invoke(options);
        return builder.UseSockets(transport =>
        {
            Func<EndPoint, Socket> createDefault = transport.CreateBoundListenSocket;
            transport.CreateBoundListenSocket = endpoint =>
            {
                Socket socket = createDefault(endpoint);
                if (socket.ProtocolType == ProtocolType.Tcp)
                {
                    ApplyTcpKeepAlive(socket, options);
                }

                return socket;
            };
        });
    }

    /// <summary>
    /// Sets <c>SO_KEEPALIVE</c> and the probe timing of <paramref name="options"/> on <paramref name="socket"/>, and on
    /// Linux <c>TCP_USER_TIMEOUT</c> (<see cref="McpTcpKeepAliveOptions.UserTimeout"/>; zero restores the kernel's
    /// behaviour). Other systems get the keep-alive values only.
    /// </summary>
    public static void ApplyTcpKeepAlive(Socket socket, McpTcpKeepAliveOptions options)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)options.Time.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)options.Interval.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, options.RetryCount);
        if (OperatingSystem.IsLinux())
        {
            // .NET has no SocketOptionName for it: an int of milliseconds, where 0 means the kernel default.
            Span<byte> milliseconds = stackalloc byte[sizeof(int)];
            MemoryMarshal.Write(milliseconds, (int)options.UserTimeout.TotalMilliseconds);
            socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeout, milliseconds);
        }
    }
}
