using System.Text;
using System.Text.Json.Nodes;
using Mooring.Protocol;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>
/// Drives one <see cref="McpSession"/> the way a transport does: JSON text is parsed with the real
/// <see cref="JsonRpcReader"/> and handed to <see cref="McpSession.HandleAsync"/>; responses are serialized and
/// parsed back, so assertions see the wire format.
/// </summary>
internal sealed class TestSession
{
    private readonly TestServer _server;
    private long _nextId;

    public TestSession(TestServer server, McpSession session)
    {
        _server = server;
        Session = session;
        session.SessionSink = SessionSink;
    }

    public McpSession Session { get; }

    /// <summary>The session-level stream (the GET stream on HTTP).</summary>
    public CapturingSink SessionSink { get; } = new();

    public Task<JsonNode> InitializeAsync(string capabilities = "{}", string protocolVersion = "2025-11-25") =>
        RequestAsync("initialize", $$$"""{"protocolVersion":"{{{protocolVersion}}}","capabilities":{{{capabilities}}},"clientInfo":{"name":"test-client","version":"1.2.3"}}""");

    /// <summary>Sends a request with a fresh numeric id and returns its response (which must exist).</summary>
    public async Task<JsonNode> RequestAsync(string method, string? parameters = null, McpMessageSink? related = null)
    {
        JsonNode? response = await StartRequest(method, parameters, related).WaitAsync(TestServer.Patience);
        Assert.NotNull(response);
        return response;
    }

    /// <summary>Starts a request and returns the pending handling (null result: no response is sent).</summary>
    public Task<JsonNode?> StartRequest(string method, string? parameters = null, McpMessageSink? related = null, CancellationToken handlerAborted = default) =>
        StartRequestWithId(Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), method, parameters, related, handlerAborted);

    /// <summary>Starts a request with an explicit JSON id (e.g. <c>7</c> or <c>"7"</c>).</summary>
    public Task<JsonNode?> StartRequestWithId(string idJson, string method, string? parameters, McpMessageSink? related = null, CancellationToken handlerAborted = default)
    {
        string json = parameters is null
            ? $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":{{idJson}},"method":"{{method}}","params":{{parameters}}}""";
        return SendAsync(json, related, handlerAborted);
    }

    public async Task NotifyAsync(string method, string? parameters = null)
    {
        string json = parameters is null
            ? $$"""{"jsonrpc":"2.0","method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{parameters}}}""";
        Assert.Null(await SendAsync(json).WaitAsync(TestServer.Patience));
    }

    /// <summary>Answers a request the server sent to the client.</summary>
    public async Task RespondAsync(JsonNode serverRequest, string resultJson)
    {
        string json = $$"""{"jsonrpc":"2.0","id":{{serverRequest["id"]!.ToJsonString()}},"result":{{resultJson}}}""";
        Assert.Null(await SendAsync(json).WaitAsync(TestServer.Patience));
    }

    /// <summary>Answers a request the server sent to the client with an error.</summary>
    public async Task RespondWithErrorAsync(JsonNode serverRequest, int code, string message)
    {
        string json = $$$"""{"jsonrpc":"2.0","id":{{{serverRequest["id"]!.ToJsonString()}}},"error":{"code":{{{code}}},"message":"{{{message}}}"}}""";
        Assert.Null(await SendAsync(json).WaitAsync(TestServer.Patience));
    }

    /// <summary>Parses <paramref name="json"/> as a transport would and hands it to the session.</summary>
    public async Task<JsonNode?> SendAsync(string json, McpMessageSink? related = null, CancellationToken handlerAborted = default)
    {
        // The buffer stays referenced by this frame until HandleAsync completes, as a transport's would.
        byte[] buffer = Encoding.UTF8.GetBytes(json);
        JsonRpcParseResult parsed = JsonRpcReader.Parse(buffer);
        Assert.True(parsed.IsOk, parsed.Detail);
        McpOutgoingMessage? response = await Session.HandleAsync(parsed.Message!, related, _server.Services, handlerAborted);
        if (response is null)
        {
            return null;
        }

        byte[] bytes = response.ToArray();
        Assert.DoesNotContain((byte)'\n', bytes);
        return JsonNode.Parse(bytes);
    }
}
