using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mooring.Testing;

/// <summary>
/// One server process for a test class, serving Streamable HTTP on 127.0.0.1 and a free port.
/// Ready once GET /health answers 200; on dispose it kills exactly the process it started.
/// </summary>
public sealed class HttpHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    // Free-port probing races with other processes; a server that lost the race exits, and we try again.
    private const int MaxStartAttempts = 3;

    private readonly OutputTail _output = new();
    private Process? _process;

    /// <summary>
    /// More host arguments after <c>--urls</c>, such as <c>--Mooring:Kestrel:RequestHeadersTimeout=00:00:02</c>. A
    /// test class that needs them wraps the fixture in one of its own (xunit builds class fixtures with no arguments).
    /// </summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// Environment variables set for the server process on top of the ones it inherits, such as those of
    /// <see cref="HostGcProbe.EnvironmentVariables"/>. Empty by default: the server runs as it would anywhere.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Base address, for example http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server process's id, for tests that observe it from outside (/proc); 0 before it started.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The MCP endpoint (/mcp).</summary>
    public Uri McpEndpoint => new(BaseAddress, "mcp");

    /// <summary>What the server printed most recently (stdout and stderr), for failure messages.</summary>
    public string RecentOutput => _output.ToString();

    public async Task InitializeAsync()
    {
        var command = MooringHostCommand.Resolve();
        using var health = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        for (var attempt = 1; ; attempt++)
        {
            var port = GetFreeLoopbackPort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            var startInfo = command.CreateHttpStartInfo(port);
            foreach (var argument in Arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            foreach (KeyValuePair<string, string> variable in EnvironmentVariables)
            {
                startInfo.Environment[variable.Key] = variable.Value;
            }

            _process = StartProcess(startInfo);

            if (await WaitForHealthAsync(health, _process))
            {
                return;
            }

            var exited = _process.HasExited;
            await StopProcessAsync();
            if (!exited || attempt == MaxStartAttempts)
            {
                throw new InvalidOperationException(
                    $"Server '{command.HostDllPath}' did not answer GET {BaseAddress}health with 200 " +
                    $"(attempt {attempt}, exited: {exited}). Output:{Environment.NewLine}{RecentOutput}");
            }
        }
    }

    public Task DisposeAsync() => StopProcessAsync();

    private Process StartProcess(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitForHealthAsync(HttpClient health, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout && !process.HasExited)
        {
            try
            {
                using var response = await health.GetAsync(new Uri(BaseAddress, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer during startup.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                // Only this process: `dotnet app.dll` hosts the app in-process, there is no child to reap.
                process.Kill(entireProcessTree: false);
            }

            using var cts = new CancellationTokenSource(ExitTimeout);
            await process.WaitForExitAsync(cts.Token);
        }
    }

    private static int GetFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
