using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// One server started by the driver: <c>dotnet DLL --urls http://127.0.0.1:PORT ...</c> (a native executable takes the
/// same arguments) with Warning-level logging, output to a log file, ready once <c>GET /health</c> answers 200. Stopped
/// only by its own PID: SIGTERM, then after 10 s SIGKILL.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pump;

    private ServerProcess(Process process, StreamWriter log, int port, long startedAt)
    {
        _process = process;
        _log = log;
        Port = port;
        StartedAt = startedAt;
        _pump = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> taken just before the process was created.</summary>
    public long StartedAt { get; }

    /// <summary>Whether the process has exited (and been reaped); its PID may then belong to another process.</summary>
    public bool HasExited => _process.HasExited;

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string McpUrl => BaseUrl + "/mcp";

    /// <summary>Why the server ended badly on <see cref="StopAsync"/>, or null.</summary>
    public string? ShutdownProblem { get; private set; }

    /// <summary>Starts <paramref name="server"/> on a free loopback port and waits for its /health; null (and a reason) when it did not come up.</summary>
    public static async Task<(ServerProcess? Server, string? Error)> StartAsync(
        ServerDefinition server, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var running = await LaunchAsync(server, extraArguments, environment, logPath);
        var process = running._process;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await running.DisposeAsync();
                return (null, $"exited during start-up with status {process.ExitCode} (see {logPath})");
            }

            try
            {
                using var response = await http.GetAsync(running.BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (running, null);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow: ask again.
            }

            await Task.Delay(100);
        }

        await running.DisposeAsync();
        return (null, $"did not answer /health within {StartTimeout.TotalSeconds:0} s (see {logPath})");
    }

    /// <summary>
    /// Starts <paramref name="server"/> on a loopback port chosen up front and returns at once, without waiting for it
    /// to listen: <see cref="StartedAt"/> is taken just before the process is created, for the cold-start timings.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    public static async Task<ServerProcess> LaunchAsync(
        ServerDefinition server, IEnumerable<string> extraArguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var port = FreePort();

        // A native executable runs directly; an assembly through the dotnet host, as `dotnet app.dll` in production.
        var start = new ProcessStartInfo(server.Native ? server.EntryPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!server.Native)
        {
            start.ArgumentList.Add(server.EntryPath);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        foreach (var argument in server.Arguments.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Warning-level logging for all, so that logging does not skew results.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        await log.WriteLineAsync($"# {start.FileName} {string.Join(' ', start.ArgumentList)}");
        Process process;
        long startedAt;
        try
        {
            startedAt = Stopwatch.GetTimestamp();
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch
        {
            await log.DisposeAsync();
            throw;
        }

        ChildProcesses.Add(process);
        return new ServerProcess(process, log, port, startedAt);
    }

    /// <summary>Resident set size from <c>/proc/PID/status</c> (VmRSS), in bytes; null if unreadable.</summary>
    public long? ReadRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>SIGTERM, up to 10 s for a graceful exit, then SIGKILL; notes a non-zero exit other than 143 (TERM unhandled).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                ShutdownProblem = $"ignored SIGTERM for {StopTimeout.TotalSeconds:0} s and was killed";
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        if (ShutdownProblem is null && _process.ExitCode is not (0 or 143))
        {
            ShutdownProblem = $"exited with status {_process.ExitCode} on shutdown";
        }

        await _pump;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ChildProcesses.Remove(_process);
        _process.Dispose();
        await _log.DisposeAsync();
    }

    /// <summary>
    /// A port nothing listens on, below Linux's ephemeral range (32768-60999) so that none of the many client sockets of a
    /// churn run can take it; bound and released at once, then given to the server.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }
}
