using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mooring.Server;

namespace Mooring.Server.Stdio.Tests;

/// <summary>
/// A stdio server in this process, its stdin and stdout replaced by pipes: the test writes lines to <see cref="SendAsync"/>
/// and reads what the server wrote with <see cref="ReadAsync"/>.
/// </summary>
public sealed class StdioTestServer : IAsyncDisposable
{
    private readonly Pipe _stdin = new();
    private readonly Pipe _stdout = new();
    private readonly IHost _host;
    private readonly StreamReader _reader;

    private StdioTestServer(IHost host, FailOnErrorLoggerProvider logs, Pipe stdin, Pipe stdout)
    {
        _host = host;
        Logs = logs;
        _stdin = stdin;
        _stdout = stdout;
        _reader = new StreamReader(stdout.Reader.AsStream(), Encoding.UTF8);
    }

    public FailOnErrorLoggerProvider Logs { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Completes when the host's application is stopping (stdin closed).</summary>
    public Task Stopping
    {
        get
        {
            var stopping = new TaskCompletionSource();
            _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
            return stopping.Task;
        }
    }

    public static async Task<StdioTestServer> StartAsync(Action<IMcpServerBuilder>? configure = null, Action<McpStdioOptions>? stdio = null)
    {
        var stdin = new Pipe();
        var stdout = new Pipe();
        var logs = new FailOnErrorLoggerProvider();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        // Typed: the SDK package the client tests use brings an AddMcpServer of its own, in the same namespace.
        IMcpServerBuilder server = builder.Services.AddMcpServer((Action<McpServerOptions>?)null).WithStdio(o =>
        {
            o.Input = stdin.Reader.AsStream();
            o.Output = stdout.Writer.AsStream();
            stdio?.Invoke(o);
        });
        configure?.Invoke(server);
        IHost host = builder.Build();
        await host.StartAsync();
        return new StdioTestServer(host, logs, stdin, stdout);
    }

    /// <summary>Writes raw bytes to the server's stdin.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _stdin.Writer.WriteAsync(bytes);
    }

    /// <summary>Writes one line (a newline is appended).</summary>
    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    /// <summary>Closes stdin, as a client does to end the session.</summary>
    public async Task CloseInputAsync() => await _stdin.Writer.CompleteAsync();

    /// <summary>Reads the next line the server wrote, parsed as JSON; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> ReadAsync(TimeSpan? timeout = null)
    {
        string? line = await _reader.ReadLineAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        Assert.NotNull(line);
        using JsonDocument document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>Reads lines until a response with <paramref name="id"/>; returns it and what came before.</summary>
    public Task<(JsonElement Response, List<JsonElement> Before)> ReadResponseAsync(long id) =>
        ReadResponseAsync(messageId => messageId.ValueKind == JsonValueKind.Number && messageId.GetInt64() == id);

    /// <summary>Reads lines until a response with the string <paramref name="id"/>; returns it and what came before.</summary>
    public Task<(JsonElement Response, List<JsonElement> Before)> ReadResponseAsync(string id) =>
        ReadResponseAsync(messageId => messageId.ValueKind == JsonValueKind.String && messageId.GetString() == id);

    private async Task<(JsonElement Response, List<JsonElement> Before)> ReadResponseAsync(Func<JsonElement, bool> isId)
    {
        var before = new List<JsonElement>();
        while (true)
        {
            JsonElement message = await ReadAsync();
            if (message.TryGetProperty("id", out JsonElement messageId) && isId(messageId)
                && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
            {
                return (message, before);
            }

            before.Add(message);
        }
    }

    /// <summary>The <c>_meta</c> members of a modern (2026-07-28) request: version, capabilities, client info, then <paramref name="extra"/>.</summary>
    public static string ModernMeta(string capabilities = "{}", string? extra = null, string version = "2026-07-28") =>
        "\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\",\"io.modelcontextprotocol/clientCapabilities\":" + capabilities
        + ",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"}" + (extra is null ? string.Empty : "," + extra);

    /// <summary>
    /// Sends a modern request: <paramref name="members"/> are the params' own members (JSON, without braces), to which
    /// the modern <c>_meta</c> is added. <paramref name="id"/> is raw JSON (<c>1</c> or <c>"a"</c>).
    /// </summary>
    public Task SendModernAsync(string id, string method, string? members = null, string capabilities = "{}", string? metaExtra = null) =>
        SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + (members is null ? string.Empty : members + ",")
            + "\"_meta\":{" + ModernMeta(capabilities, metaExtra) + "}}}");

    /// <summary>Sends <c>notifications/cancelled</c> for the request <paramref name="id"/> (raw JSON).</summary>
    public Task SendCancelledAsync(string id) =>
        SendAsync("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id + ",\"reason\":\"test\"}}");

    /// <summary>The server's stdin, for a client that writes to it directly (the SDK's stream transport).</summary>
    public Stream ClientToServer => _stdin.Writer.AsStream();

    /// <summary>The server's stdout, for a client that reads it directly (then do not use <see cref="ReadAsync"/>).</summary>
    public Stream ServerToClient => _stdout.Reader.AsStream();

    /// <summary>initialize + initialized with the given protocol version.</summary>
    public async Task InitializeAsync(string protocolVersion = "2025-11-25", string capabilities = "{}")
    {
        await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + protocolVersion
            + "\",\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        (JsonElement response, _) = await ReadResponseAsync(0);
        Assert.Equal(protocolVersion, response.GetProperty("result").GetProperty("protocolVersion").GetString());
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _stdin.Writer.CompleteAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
        Logs.Dispose();
    }
}
