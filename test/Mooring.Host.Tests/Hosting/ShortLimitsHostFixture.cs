namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// The host with a 2 s request-headers timeout (so a slowloris test ends quickly) and a 25 s TCP keep-alive idle time
/// (not the default, so the value seen on its sockets can only come from configuration).
/// </summary>
public sealed class ShortLimitsHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan TcpKeepAliveTime = TimeSpan.FromSeconds(25);

    public HttpHostFixture Host { get; } = new()
    {
        Arguments =
        [
            $"--Mooring:Kestrel:RequestHeadersTimeout={RequestHeadersTimeout:c}",
            $"--Mooring:Kestrel:TcpKeepAliveTime={TcpKeepAliveTime:c}",
        ],
    };

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}
