using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// The client of one cold start: connects to a server that may not listen yet (a refused connect is tried again every
/// millisecond), then on that one keep-alive HTTP/1.1 connection either runs the legacy handshake (initialize 2025-11-25,
/// notifications/initialized) and one tools/call of echo, or sends one GET /health, and notes when the answer was read.
/// HttpClient is fine here: one exchange per start, and the driver warms this code up with a start that is not recorded.
/// </summary>
internal sealed class ColdStartClient : IDisposable
{
    public const string EchoText = "hello";

    private const string ProtocolVersion = "2025-11-25";

    /// <summary>With the caller's deadline, bounds the connect loop (30 s of 1 ms waits is about 27,000 tries).</summary>
    private const int MaxConnectAttempts = 60_000;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    private readonly ServerProcess _server;
    private readonly HttpClient _http;
    private long _connectedAt;

    public ColdStartClient(ServerProcess server)
    {
        _server = server;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            MaxConnectionsPerServer = 1,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };

        // The caller's token bounds every exchange; no second timeout of HttpClient's own.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>initialize, notifications/initialized, tools/call echo: the timings once the echo's result is read.</summary>
    /// <exception cref="IOException">A refused start or a wrong answer (the message says which).</exception>
    /// <exception cref="HttpRequestException">The connection failed after it was made.</exception>
    /// <exception cref="OperationCanceledException">The deadline passed.</exception>
    public async Task<ColdStartSample> CallEchoAsync(CancellationToken cancellationToken)
    {
        string? session;
        using (var initialize = await PostAsync(null,
            $$$$"""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"{{{{ProtocolVersion}}}}","capabilities":{},"clientInfo":{"name":"Mooring.Benchmarks.Driver","version":"1.0.0"}}}""",
            cancellationToken))
        {
            using var answer = await AnswerAsync(initialize, "initialize", cancellationToken);
            session = initialize.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.FirstOrDefault() : null;
        }

        using (var initialized = await PostAsync(session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", cancellationToken))
        {
            if (!initialized.IsSuccessStatusCode)
            {
                throw new IOException($"notifications/initialized answered {(int)initialized.StatusCode}");
            }

            // A 202 has no body; read whatever there is, so the connection is free for the next request.
            _ = await initialized.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        using var call = await PostAsync(session,
            $$$$"""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"{{{{EchoText}}}}"}}}""",
            cancellationToken);
        var body = await call.Content.ReadAsStringAsync(cancellationToken);
        var answeredAt = Stopwatch.GetTimestamp();
        var rss = _server.ReadRssBytes();

        // Checked after the clock stopped: parsing is the client's cost, not the server's.
        using var result = Parse(call, body, "tools/call");
        if (!result.RootElement.TryGetProperty("result", out var value)
            || (value.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
            || !value.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0
            || !content[0].TryGetProperty("text", out var text) || text.GetString() != EchoText)
        {
            throw new IOException($"tools/call echo answered something else: {Shorten(body)}");
        }

        return Sample(answeredAt, rss);
    }

    /// <summary>GET /health: the timings once its 200 is read.</summary>
    /// <exception cref="IOException">A status other than 200.</exception>
    /// <exception cref="HttpRequestException">The connection failed after it was made.</exception>
    /// <exception cref="OperationCanceledException">The deadline passed.</exception>
    public async Task<ColdStartSample> HealthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.BaseUrl + "/health") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await _http.SendAsync(request, cancellationToken);
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var answeredAt = Stopwatch.GetTimestamp();
        var rss = _server.ReadRssBytes();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new IOException($"/health answered {(int)response.StatusCode}");
        }

        return Sample(answeredAt, rss);
    }

    public void Dispose() => _http.Dispose();

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>
    /// The JSON-RPC answer in a response: the body itself, or in an SSE stream (the SDK's only framing) the data of the
    /// event that carries an id. Each event's data is one line, as both servers write it.
    /// </summary>
    private static JsonDocument Parse(HttpResponseMessage response, string body, string method)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"{method} answered {(int)response.StatusCode}: {Shorten(body)}");
        }

        try
        {
            if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                return JsonDocument.Parse(body);
            }

            foreach (var line in body.Split('\n'))
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                var document = JsonDocument.Parse(line.AsMemory(5).Trim());
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out _))
                {
                    return document;
                }

                document.Dispose();
            }
        }
        catch (JsonException ex)
        {
            throw new IOException($"{method} answered JSON that does not parse ({ex.Message}): {Shorten(body)}", ex);
        }

        throw new IOException($"{method} answered no JSON-RPC response: {Shorten(body)}");
    }

    private async Task<JsonDocument> AnswerAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var document = Parse(response, body, method);
        if (!document.RootElement.TryGetProperty("result", out _))
        {
            document.Dispose();
            throw new IOException($"{method} answered without a result: {Shorten(body)}");
        }

        return document;
    }

    private ColdStartSample Sample(long answeredAt, long? rss) =>
        new(Stopwatch.GetElapsedTime(_server.StartedAt, _connectedAt).TotalMilliseconds, Stopwatch.GetElapsedTime(_server.StartedAt, answeredAt).TotalMilliseconds, rss);

    private Task<HttpResponseMessage> PostAsync(string? session, string json, CancellationToken cancellationToken) =>
        McpToolCheck.PostAsync(_http, _server.McpUrl, session, json, cancellationToken);

    /// <summary>
    /// Connects to the server's port, trying again every <see cref="PollInterval"/> while it refuses (not listening
    /// yet); gives up when the process has exited, after <see cref="MaxConnectAttempts"/>, or at the caller's deadline.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, _server.Port);
        for (var attempt = 0; attempt < MaxConnectAttempts; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken);
                if (_connectedAt == 0)
                {
                    _connectedAt = Stopwatch.GetTimestamp();
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Not listening yet: the expected answer during start-up.
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (_server.HasExited)
            {
                throw new IOException("the server exited before it listened");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new IOException($"the server refused {MaxConnectAttempts} connects");
    }
}
