using System.Diagnostics;
using ModelContextProtocol.Client;
using Xunit.Abstractions;

namespace Mooring.Interop.Tests;

/// <summary>
/// The suite over stdio: each test's client starts its own server (<c>dotnet host.dll --stdio</c>) through the
/// SDK's <see cref="StdioClientTransport"/>. After every test we check that each server process has ended.
/// </summary>
public sealed class StdioInteropTests : InteropSuite, IAsyncLifetime
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _output;
    private readonly OutputTail _stderr = new();
    private readonly List<string> _markers = [];
    private readonly MooringHostCommand _command = MooringHostCommand.Resolve();

    public StdioInteropTests(ITestOutputHelper output)
    {
        _output = output;
    }

    protected override Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken) =>
        ConnectAsync(options, ShutdownTimeout, cancellationToken);

    private async Task<McpClient> ConnectAsync(McpClientOptions options, TimeSpan shutdownTimeout, CancellationToken cancellationToken)
    {
        var marker = ProcessMarker.NewValue();
        _markers.Add(marker);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mooring-stdio",
            Command = _command.DotnetPath,
            Arguments = _command.StdioArguments,
            WorkingDirectory = Path.GetDirectoryName(_command.HostDllPath),
            EnvironmentVariables = new Dictionary<string, string?> { [ProcessMarker.Variable] = marker },
            ShutdownTimeout = shutdownTimeout,
            StandardErrorLines = _stderr.Add,
        });
        return await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task Dispose_Client_ServerExitsOnStdinEofBeforeBeingKilled()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The process lookup reads /proc.
        }

        using var cts = new CancellationTokenSource(InteropClientOptions.TestTimeout);
        var killAfter = TimeSpan.FromSeconds(10);
        var client = await ConnectAsync(InteropClientOptions.Create(), killAfter, cts.Token);
        await client.PingAsync(cancellationToken: cts.Token);
        var marker = _markers[^1];
        Assert.Single(ProcessMarker.FindProcesses(marker));

        // Disposing closes the server's stdin, waits up to ShutdownTimeout for it to exit, then kills it.
        var stopwatch = Stopwatch.StartNew();
        await client.DisposeAsync();
        var alive = await ProcessMarker.WaitForExitAsync(marker, killAfter + TimeSpan.FromSeconds(5));
        stopwatch.Stop();

        Assert.Empty(alive);
        Assert.True(stopwatch.Elapsed < killAfter - TimeSpan.FromSeconds(2),
            $"the server took {stopwatch.Elapsed} to end: it did not exit on stdin EOF and was killed");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var stderr = _stderr.ToString();
        if (stderr.Length > 0)
        {
            _output.WriteLine("server stderr (tail):");
            _output.WriteLine(stderr);
        }

        // Each test disposed its client by now; the transport must have ended the server it started.
        foreach (var marker in _markers)
        {
            var alive = await ProcessMarker.WaitForExitAsync(marker, ShutdownTimeout + TimeSpan.FromSeconds(5));
            foreach (var pid in alive)
            {
                // Found by our unique marker, so this is exactly the process this test started.
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }

            Assert.True(alive.Count == 0, $"stdio server process(es) {string.Join(", ", alive)} outlived the client");
        }
    }
}
