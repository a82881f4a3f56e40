using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Mooring.AspNetCore;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel settings for long-lived MCP connections.</summary>
public static class McpKestrelExtensions
{
    /// <summary>
    /// Turns on TCP keep-alive (<see cref="McpTcpKeepAliveOptions"/>) for every TCP socket Kestrel's socket transport
    /// accepts, so half-open peers are found by the kernel. The options are set on the listening socket: Linux, the BSDs
    /// and Windows copy <c>SO_KEEPALIVE</c> and the <c>TCP_KEEP*</c> values to each accepted socket, so there is no
    /// per-connection system call (the Mooring.AspNetCore tests read them back from accepted sockets). Unix domain
    /// socket endpoints are left alone.
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

    /// <summary>Sets <c>SO_KEEPALIVE</c> and the probe timing of <paramref name="options"/> on <paramref name="socket"/>.</summary>
    public static void ApplyTcpKeepAlive(Socket socket, McpTcpKeepAliveOptions options)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)options.Time.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)options.Interval.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, options.RetryCount);
    }
}
