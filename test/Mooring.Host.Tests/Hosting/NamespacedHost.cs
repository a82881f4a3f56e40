using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mooring.Host.Tests.Hosting;

/// <summary>
/// Mooring.Host started inside a <see cref="NetworkNamespace"/> of its own, on 127.0.0.1:<see cref="Port"/> there, so a
/// test can make its clients vanish (<see cref="NetworkNamespace.SetLoopback"/>) and watch the server from outside:
/// its /metrics through sockets made in the namespace, its sockets through /proc/PID/net/tcp (which shows the
/// namespace of that process). Ready once GET /health answers 200. Dispose kills exactly the process it started, by its
/// id, then deletes the namespace, whatever happened before.
/// </summary>
public sealed class NamespacedHost : IAsyncDisposable
{
    /// <summary>The port the host listens on; the namespace is fresh, so no other process can hold it.</summary>
    public const int Port = 8080;

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly OutputTail _output;
    private readonly Process _process;

    private NamespacedHost(NetworkNamespace network, Process process, OutputTail output)
    {
        Network = network;
        _process = process;
        _output = output;
    }

    /// <summary>The namespace the host and its clients live in.</summary>
    public NetworkNamespace Network { get; }

    /// <summary>The host process's id (<c>ip netns exec</c> execs the host in place, so this is the host itself).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the host printed most recently, for failure messages.</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>Creates a namespace, starts the host in it with <paramref name="arguments"/> after <c>--urls</c>, and waits for /health.</summary>
    public static async Task<NamespacedHost> StartAsync(IEnumerable<string> arguments)
    {
        MooringHostCommand command = MooringHostCommand.Resolve();
        NetworkNamespace network = NetworkNamespace.Create();
        NamespacedHost? host = null;
        try
        {
            ProcessStartInfo startInfo = network.Wrap(command.CreateHttpStartInfo(Port));
            foreach (string argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var output = new OutputTail();
            var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += (_, e) => output.Add(e.Data);
            process.ErrorDataReceived += (_, e) => output.Add(e.Data);
            try
            {
                process.Start();
            }
            catch
            {
                process.Dispose();
                throw;
            }

            host = new NamespacedHost(network, process, output); // from here on, its DisposeAsync kills and deletes
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            await host.WaitForHealthAsync();

            // The id we will kill must be the host's own: ip execs it in place rather than forking a child.
            string commandLine = (await File.ReadAllTextAsync($"/proc/{process.Id}/cmdline")).Replace('\0', ' ');
            if (!commandLine.Contains(command.HostDllPath, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Process {process.Id} is '{commandLine}', not the host: 'ip netns exec' did not exec in place.");
            }

            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            else
            {
                network.Dispose();
            }

            throw;
        }
    }

    /// <summary>A raw HTTP connection to the host, made inside the namespace.</summary>
    public async Task<(RawHttpClient Client, int LocalPort)> ConnectAsync()
    {
        Socket socket = await Network.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
        return (RawHttpClient.FromConnectedSocket(socket), ((IPEndPoint)socket.LocalEndPoint!).Port);
    }

    /// <summary>One request on a connection of its own, closed with FIN after the response.</summary>
    public async Task<RawHttpResponse> ExchangeAsync(RawHttpRequest request)
    {
        (RawHttpClient client, _) = await ConnectAsync();
        await using (client)
        {
            return await client.SendAndReadAsync(request);
        }
    }

    /// <summary>The host's Prometheus text from GET /metrics.</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        RawHttpResponse response = await ExchangeAsync(new RawHttpRequest { Method = "GET", Target = "/metrics" });
        return response.StatusCode == 200 ? response.BodyText : throw new InvalidOperationException($"/metrics answered {response}.");
    }

    /// <summary>
    /// The host's side of the connection from <paramref name="clientPort"/>, from /proc/PID/net/tcp: its state (1 is
    /// ESTABLISHED), bytes sent but not acknowledged, and pending timer (1 retransmit, 2 keep-alive); null when the
    /// kernel no longer has it.
    /// </summary>
    public (int State, long Unacknowledged, int Timer)? FindServerSocket(int clientPort)
    {
        string local = $"0100007F:{Port:X4}";
        string remote = $"0100007F:{clientPort:X4}";
        foreach (string line in File.ReadLines($"/proc/{ProcessId}/net/tcp").Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when ...
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 5 && fields[1] == local && fields[2] == remote)
            {
                return (
                    int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(fields[4].Split(':')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    int.Parse(fields[5].Split(':')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>Kills the host (this process id only) and deletes the namespace, even when the kill fails.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using (_process)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: false);
                }

                using var exited = new CancellationTokenSource(ExitTimeout);
                await _process.WaitForExitAsync(exited.Token);
            }
        }
        finally
        {
            Network.Dispose();
        }
    }

    private async Task WaitForHealthAsync()
    {
        var waited = Stopwatch.StartNew();
        string? lastError = null;
        while (waited.Elapsed < StartupTimeout && !_process.HasExited)
        {
            try
            {
                RawHttpResponse response = await ExchangeAsync(new RawHttpRequest { Method = "GET", Target = "/health" });
                if (response.StatusCode == 200)
                {
                    return;
                }

                lastError = response.ToString();
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                lastError = ex.Message; // not listening yet, or slow to answer while starting
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException(
            $"The host in namespace '{Network.Name}' did not answer GET /health with 200 within {StartupTimeout} " +
            $"(exited: {_process.HasExited}, last: {lastError}). Output:{Environment.NewLine}{RecentOutput}");
    }
}
