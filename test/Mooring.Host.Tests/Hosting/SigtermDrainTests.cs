using System.Diagnostics;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// SIGTERM to a real host process: open streams get a retry hint and close, the in-flight call is bounded by the drain
/// timeout, and the process exits by itself well within its shutdown budget. It never hangs.
/// </summary>
public sealed class SigtermDrainTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Sigterm_WithAnOpenStreamAndARunningCall_ClosesTheStreamAndExitsWithinTheDrainTimeout()
    {
        var host = new HttpHostFixture { Arguments = [$"--Mooring:Http:DrainTimeout={DrainTimeout:c}"] };
        await host.InitializeAsync();
        try
        {
            using var client = new McpTestClient(host.McpEndpoint);
            string session = await client.InitializeAsync();
            await using RawHttpClient stream = await RawHttpClient.ConnectAsync(host.BaseAddress);
            Assert.Equal(200, (await stream.SendAndReadHeadAsync(RawHttpRequest.Get(session, protocolVersion: "2025-11-25"))).StatusCode);
            await using RawHttpClient call = await RawHttpClient.ConnectAsync(host.BaseAddress);
            await call.SendAsync(RawHttpRequest.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"sleep","arguments":{"ms":60000},"_meta":{"progressToken":"p"}}}""", session, "2025-11-25"));
            Assert.Equal(200, (await call.ReadResponseHeadAsync()).StatusCode);
            using Process process = Process.GetProcessById(host.ProcessId);

            var watch = Stopwatch.StartNew();
            using (Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
            {
                await kill.WaitForExitAsync();
            }

            // The GET stream gets its retry hint, then its response ends.
            SseEvent? retry = null;
            while (await stream.ReadSseEventAsync(TimeSpan.FromSeconds(10)) is { } e)
            {
                retry = e.RetryMilliseconds is not null ? e : retry;
            }

            Assert.NotNull(retry);
            using var exit = new CancellationTokenSource(DrainTimeout + TimeSpan.FromSeconds(8));
            await process.WaitForExitAsync(exit.Token);
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, DrainTimeout + TimeSpan.FromSeconds(8));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
