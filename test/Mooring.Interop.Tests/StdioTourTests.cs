using System.Diagnostics;
using ModelContextProtocol.Client;
using Xunit.Abstractions;

namespace Mooring.Interop.Tests;

/// <summary>
/// The tour over stdio: each client starts its own host (<c>dotnet host.dll --stdio</c>), and each host must have
/// ended once its client is disposed. The modern tour covers MRTR over stdio too; it does not open
/// <c>subscriptions/listen</c>, which the HTTP tour covers (over stdio its stream shares the one channel with everything
/// else, and the 2.4 client has no API for it beyond the raw request).
/// </summary>
public sealed class StdioTourTests : InteropTourSuite, IAsyncLifetime
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper _output;
    private readonly OutputTail _stderr = new();
    private readonly List<string> _markers = [];
    private readonly MooringHostCommand _command = MooringHostCommand.Resolve();

    public StdioTourTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        string stderr = _stderr.ToString();
        if (stderr.Length > 0)
        {
            _output.WriteLine("server stderr (tail):");
            _output.WriteLine(stderr);
        }

        foreach (string marker in _markers)
        {
            IReadOnlyList<int> alive = OperatingSystem.IsLinux() ? await ProcessMarker.WaitForExitAsync(marker, ShutdownTimeout + TimeSpan.FromSeconds(5)) : [];
            foreach (int pid in alive)
            {
                // Found by our unique marker, so this is exactly the process this test started.
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
            }

            Assert.True(alive.Count == 0, $"stdio server process(es) {string.Join(", ", alive)} outlived the client");
        }
    }

    protected override async Task<McpClient> ConnectAsync(McpClientOptions options, CancellationToken cancellationToken)
    {
        string marker = ProcessMarker.NewValue();
        _markers.Add(marker);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mooring-stdio-tour",
            Command = _command.DotnetPath,
            Arguments = _command.StdioArguments,
            WorkingDirectory = Path.GetDirectoryName(_command.HostDllPath),
            EnvironmentVariables = new Dictionary<string, string?> { [ProcessMarker.Variable] = marker },
            ShutdownTimeout = ShutdownTimeout,
            StandardErrorLines = _stderr.Add,
        });
        return await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }
}
