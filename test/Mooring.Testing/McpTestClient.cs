using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mooring.Testing;

/// <summary>
/// A minimal MCP client over <see cref="HttpClient"/> for tests that need a session but are not about the client:
/// <see cref="InitializeAsync"/> does <c>initialize</c> + <c>notifications/initialized</c> and keeps the session id
/// and protocol version, which every later request carries. Requests are written as raw JSON on purpose, so tests
/// see exactly what goes on the wire.
/// </summary>
public sealed class McpTestClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private long _nextId;

    /// <summary>Creates a client for the MCP endpoint at <paramref name="endpoint"/>.</summary>
    public McpTestClient(Uri endpoint)
    {
        Endpoint = endpoint;
        Http = new HttpClient { Timeout = Timeout };
    }

    /// <summary>The MCP endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The underlying client.</summary>
    public HttpClient Http { get; }

    /// <summary>The session id issued by <c>initialize</c>; null before.</summary>
    public string? SessionId { get; set; }

    /// <summary>The negotiated protocol version; null before <c>initialize</c>.</summary>
    public string? ProtocolVersion { get; set; }

    /// <summary>The JSON of an <c>initialize</c> request.</summary>
    public static string InitializeJson(long id = 1, string protocolVersion = "2025-11-25", string capabilitiesJson = "{}") =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + protocolVersion
        + "\",\"capabilities\":" + capabilitiesJson + ",\"clientInfo\":{\"name\":\"mooring-tests\",\"version\":\"1.0.0\"}}}";

    /// <summary>Initializes a session and returns its id.</summary>
    public async Task<string> InitializeAsync(string protocolVersion = "2025-11-25", string capabilitiesJson = "{}", CancellationToken cancellationToken = default)
    {
        SessionId = null;
        ProtocolVersion = null;
        using HttpResponseMessage response = await PostAsync(InitializeJson(NextId(), protocolVersion, capabilitiesJson), cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || !response.Headers.TryGetValues("MCP-Session-Id", out IEnumerable<string>? ids))
        {
            throw new InvalidOperationException($"initialize failed: {(int)response.StatusCode} {body}");
        }

        using JsonDocument document = JsonDocument.Parse(body);
        SessionId = ids.Single();
        ProtocolVersion = document.RootElement.GetProperty("result").GetProperty("protocolVersion").GetString();
        using HttpResponseMessage initialized = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", cancellationToken).ConfigureAwait(false);
        if (initialized.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"notifications/initialized answered {(int)initialized.StatusCode}.");
        }

        return SessionId;
    }

    /// <summary>A POST of <paramref name="json"/> with the Accept, Content-Type, session and version headers set.</summary>
    public HttpRequestMessage CreatePost(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        AddSessionHeaders(request);
        return request;
    }

    /// <summary>Posts <paramref name="json"/> and returns the response (headers read, body not yet).</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = CreatePost(json);
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and returns the whole response message (a JSON-RPC result or error) as a detached element.
    /// An SSE answer is read to the event that carries the response.
    /// </summary>
    public async Task<JsonElement> SendRequestAsync(string method, string? paramsJson = null, CancellationToken cancellationToken = default)
    {
        long id = NextId();
        string json = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":{{id.ToString(CultureInfo.InvariantCulture)}},"method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":{{id.ToString(CultureInfo.InvariantCulture)}},"method":"{{method}}","params":{{paramsJson}}}""";
        using HttpResponseMessage response = await PostAsync(json, cancellationToken).ConfigureAwait(false);
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "application/json")
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }

        if (mediaType == "text/event-stream")
        {
            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal) || line.Length <= "data: ".Length)
                {
                    continue;
                }

                using JsonDocument document = JsonDocument.Parse(line["data:".Length..]);
                if (document.RootElement.TryGetProperty("id", out JsonElement responseId) && responseId.ValueKind == JsonValueKind.Number
                    && responseId.GetInt64() == id && !document.RootElement.TryGetProperty("method", out _))
                {
                    return document.RootElement.Clone();
                }
            }

            throw new InvalidOperationException($"The SSE stream of {method} ended without its response.");
        }

        throw new InvalidOperationException($"{method} answered {(int)response.StatusCode} with '{mediaType}'.");
    }

    /// <summary>Sends a request and returns its <c>result</c>; throws when the answer is an error.</summary>
    public async Task<JsonElement> CallAsync(string method, string? paramsJson = null, CancellationToken cancellationToken = default)
    {
        JsonElement message = await SendRequestAsync(method, paramsJson, cancellationToken).ConfigureAwait(false);
        return message.TryGetProperty("result", out JsonElement result)
            ? result
            : throw new InvalidOperationException($"{method} failed: {message.GetRawText()}");
    }

    /// <summary>Sends a notification; returns the HTTP status (202 expected).</summary>
    public async Task<HttpStatusCode> NotifyAsync(string method, string? paramsJson = null, CancellationToken cancellationToken = default)
    {
        string json = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{paramsJson}}}""";
        using HttpResponseMessage response = await PostAsync(json, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Ends the session with DELETE and returns the status.</summary>
    public async Task<HttpStatusCode> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint);
        AddSessionHeaders(request);
        using HttpResponseMessage response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>The next request id this client uses.</summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();

    private void AddSessionHeaders(HttpRequestMessage request)
    {
        if (SessionId is not null)
        {
            request.Headers.TryAddWithoutValidation("MCP-Session-Id", SessionId);
        }

        if (ProtocolVersion is not null)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        }
    }
}
