using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mooring.AspNetCore;

namespace Mooring.AspNetCore.Tests.Builder;

/// <summary>
/// TCP keep-alive is set on the listening socket and must reach every accepted socket: the server reads the options
/// back from the socket of the connection that asked (getsockopt on the accepted socket, not the listener).
/// </summary>
public sealed class McpKestrelExtensionsTests
{
    [Fact]
    public async Task UseMcpTcpKeepAlive_AcceptedSocket_HasKeepAliveAndProbeTiming()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseMcpTcpKeepAlive(o =>
        {
            // Not the defaults, so the values read back can only come from these options.
            o.Time = TimeSpan.FromSeconds(45);
            o.Interval = TimeSpan.FromSeconds(7);
            o.RetryCount = 4;
        });
        await using WebApplication app = builder.Build();
        app.MapGet("/socket", static (HttpContext context) =>
        {
            Socket socket = context.Features.GetRequiredFeature<IConnectionSocketFeature>().Socket;
            return Results.Text(string.Join(
                ' ',
                (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!));
        });
        await app.StartAsync();
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            using var client = new HttpClient();

            string options = await client.GetStringAsync(new Uri(new Uri(address), "/socket"));

            Assert.Equal("1 45 7 4", options);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task UseMcpTcpKeepAlive_AcceptedSocket_HasUserTimeoutOnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // TCP_USER_TIMEOUT is Linux's; other systems are left with their retransmission limit.
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseMcpTcpKeepAlive(o => o.UserTimeout = TimeSpan.FromMilliseconds(4321)); // not the default
        await using WebApplication app = builder.Build();
        app.MapGet("/socket", static (HttpContext context) =>
        {
            Socket socket = context.Features.GetRequiredFeature<IConnectionSocketFeature>().Socket;
            byte[] value = new byte[sizeof(int)];
            socket.GetRawSocketOption(6, 18, value); // IPPROTO_TCP, TCP_USER_TIMEOUT
            return Results.Text(BitConverter.ToInt32(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await app.StartAsync();
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            using var client = new HttpClient();

            string milliseconds = await client.GetStringAsync(new Uri(new Uri(address), "/socket"));

            Assert.Equal("4321", milliseconds);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(40_000)]
    public void Time_NotWholeSecondsInRange_Throws(double seconds)
    {
        var options = new McpTcpKeepAliveOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.Time = TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Defaults_AreThirtyTenThree()
    {
        var options = new McpTcpKeepAliveOptions();

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 3), (options.Time, options.Interval, options.RetryCount));
    }

    [Fact]
    public void UserTimeout_Default_IsSixtySeconds_TheKeepAliveTotal()
    {
        var options = new McpTcpKeepAliveOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.UserTimeout);
        Assert.Equal(options.Time + (options.Interval * options.RetryCount), options.UserTimeout);
    }

    [Theory]
    [InlineData(0)] // off
    [InlineData(1_000)]
    [InlineData(2_500)]
    [InlineData(3_600_000)]
    public void UserTimeout_ZeroOrWholeMillisecondsInRange_IsKept(int milliseconds)
    {
        var options = new McpTcpKeepAliveOptions { UserTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.UserTimeout);
    }

    [Theory]
    [InlineData(-10_000_000)] // negative
    [InlineData(9_990_000)] // 999 ms: under 1 s
    [InlineData(10_000_001)] // 1 s and 100 ns: not whole milliseconds
    [InlineData(36_000_010_000)] // 1 h and 1 ms: over the maximum
    public void UserTimeout_OutOfRange_Throws(long ticks)
    {
        var options = new McpTcpKeepAliveOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.UserTimeout = TimeSpan.FromTicks(ticks));
        Assert.Equal(TimeSpan.FromSeconds(60), options.UserTimeout);
    }
}
