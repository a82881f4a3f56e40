using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// The host's Kestrel limits (Mooring:Kestrel) hold against misbehaving peers: a slowloris client is cut at the
/// request-headers timeout while /health stays fast, and accepted sockets carry TCP keep-alive.
/// </summary>
public sealed class KestrelLimitsTests(ShortLimitsHostFixture fixture) : IClassFixture<ShortLimitsHostFixture>
{
    private HttpHostFixture Host => fixture.Host;

    [Fact]
    public async Task Slowloris_HeadersOneBytePerSecond_DisconnectedAfterHeaderTimeout_WhileHealthStaysFast()
    {
        await using RawHttpClient slow = await RawHttpClient.ConnectAsync(Host.BaseAddress);
        byte[] head = Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: {new string('a', 64)}\r\n\r\n");
        var elapsed = Stopwatch.StartNew();
        using var stopSending = new CancellationTokenSource();
        Task trickle = TrickleAsync(slow, head, stopSending.Token);
        Task<bool> closed = slow.WaitForServerCloseAsync(TimeSpan.FromSeconds(10));

        // Meanwhile /health answers promptly: one slow connection holds no thread and no lock.
        using var health = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        TimeSpan slowestHealth = TimeSpan.Zero;
        while (!closed.IsCompleted)
        {
            var one = Stopwatch.StartNew();
            using HttpResponseMessage response = await health.GetAsync(new Uri(Host.BaseAddress, "health"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            slowestHealth = one.Elapsed > slowestHealth ? one.Elapsed : slowestHealth;
            await Task.WhenAny(closed, Task.Delay(250));
        }

        Assert.True(await closed, "The slowloris connection was still open after 10 s.");
        TimeSpan cutAfter = elapsed.Elapsed;
        await stopSending.CancelAsync();
        await trickle;

        // Kestrel checks timeouts on a one-second heartbeat, so the cut comes between the timeout and about 1 s later.
        Assert.InRange(cutAfter, ShortLimitsHostFixture.RequestHeadersTimeout - TimeSpan.FromMilliseconds(100), ShortLimitsHostFixture.RequestHeadersTimeout + TimeSpan.FromSeconds(3));
        Assert.True(cutAfter < TimeSpan.FromSeconds(head.Length), "The whole head was sent before the server cut the connection.");
        Assert.True(slowestHealth < TimeSpan.FromSeconds(1), $"/health took {slowestHealth.TotalMilliseconds} ms during the slowloris.");
    }

    [Fact]
    public async Task AcceptedSocket_Idle_HasKeepAliveTimerFromConfiguration()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The socket timers are read from Linux's /proc/net/tcp; other systems have no such view.
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Host.BaseAddress.Port));
        int clientPort = ((IPEndPoint)socket.LocalEndPoint!).Port;

        // The server's side of this connection: local port = the host's, remote port = ours. Kestrel accepts
        // asynchronously, so give it a moment to take the socket off the queue (the keep-alive timer starts there).
        (int Timer, TimeSpan When)? server = null;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(5) && server is not { Timer: KeepAliveTimer })
        {
            server = FindSocketTimer(Host.BaseAddress.Port, clientPort);
            await Task.Delay(50);
        }

        Assert.NotNull(server);
        Assert.Equal(KeepAliveTimer, server.Value.Timer);

        // The keep-alive timer counts down from TCP_KEEPIDLE: at most the configured 25 s (not 30 s, the default,
        // nor 2 hours, the kernel's), and a few seconds at most have passed since the connection opened.
        Assert.InRange(server.Value.When, ShortLimitsHostFixture.TcpKeepAliveTime - TimeSpan.FromSeconds(5), ShortLimitsHostFixture.TcpKeepAliveTime);
    }

    // /proc/net/tcp "tr" column: 2 means the socket's sk_timer is pending, which for an established socket is the
    // keep-alive timer (1 is retransmit, 4 zero-window probe, 0 none: a socket without SO_KEEPALIVE shows 0 when idle).
    private const int KeepAliveTimer = 2;

    private static async Task TrickleAsync(RawHttpClient client, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            foreach (byte b in bytes)
            {
                await client.SendAsync(new[] { b }, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            // Stopped by the test, or the server already closed the connection: both end the trickle.
        }
    }

    private static (int Timer, TimeSpan When)? FindSocketTimer(int localPort, int remotePort)
    {
        string local = $"0100007F:{localPort:X4}";
        string remote = $"0100007F:{remotePort:X4}";
        foreach (string line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 5 && fields[1] == local && fields[2] == remote)
            {
                string[] timer = fields[5].Split(':');
                int active = int.Parse(timer[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long ticks = long.Parse(timer[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

                // tm->when is in USER_HZ clock ticks, 100 per second on Linux.
                return (active, TimeSpan.FromSeconds(ticks / 100.0));
            }
        }

        return null;
    }
}
