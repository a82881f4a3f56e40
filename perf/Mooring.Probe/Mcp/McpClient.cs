using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Probe.Http;

namespace Mooring.Probe.Mcp;

/// <summary>
/// Streamable HTTP (2025-11-25) over one <see cref="RawHttpConnection"/> at a time: initialize, notifications,
/// requests and GET streams. Opens a new connection when the server closed the last one. Ending the connection is
/// the caller's choice (<see cref="Close"/>), because how it ends is what the scenarios test.
/// </summary>
internal sealed class McpClient : IDisposable
{
    private readonly McpTarget _target;
    private readonly int? _receiveBufferSize;
    private RawHttpConnection? _connection;
    private int _nextId;

    public McpClient(McpTarget target, int? receiveBufferSize = null)
    {
        _target = target;
        _receiveBufferSize = receiveBufferSize;
    }

    public McpSession? Session { get; private set; }

    /// <summary>The current connection, opened on demand.</summary>
    public async Task<RawHttpConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { Reusable: true })
        {
            return _connection;
        }

        _connection?.Close(CloseMode.Fin);
        _connection = await RawHttpConnection.ConnectAsync(_target.EndPoint, cancellationToken, _receiveBufferSize);
        return _connection;
    }

    /// <summary>Uses an open connection (keep-alive across sessions); null leaves the client to connect on demand.</summary>
    public void Adopt(RawHttpConnection? connection) => _connection = connection;

    /// <summary>Hands the current connection back to the caller, open, when it can be reused; otherwise closes it.</summary>
    public RawHttpConnection? Release()
    {
        var connection = _connection;
        _connection = null;
        if (connection is { Reusable: true })
        {
            return connection;
        }

        connection?.Close(CloseMode.Fin);
        return null;
    }

    /// <summary>initialize then notifications/initialized. Returns the initialize reply; <see cref="Session"/> is set when it succeeded.</summary>
    public async Task<McpReply> InitializeAsync(CancellationToken cancellationToken)
    {
        var parameters = new JsonObject
        {
            ["protocolVersion"] = McpMethods.ProtocolVersion,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "mooring-probe", ["version"] = "0.1.0" },
        };
        var reply = await RequestAsync(McpMethods.Initialize, parameters, cancellationToken);
        if (!reply.IsResult)
        {
            return reply;
        }

        var version = reply.Result?["protocolVersion"]?.GetValue<string>() ?? McpMethods.ProtocolVersion;
        Session = new McpSession(reply.SessionId, version);
        var notified = await NotifyAsync(McpMethods.Initialized, cancellationToken);
        return notified is >= 200 and < 300 ? reply : reply with { StatusCode = notified, Message = null };
    }

    /// <summary>Sends a notification; returns the HTTP status (202 expected).</summary>
    public async Task<int> NotifyAsync(string method, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        var connection = await ConnectionAsync(cancellationToken);
        await connection.SendAsync(BuildPost(message), cancellationToken);
        var head = await connection.ReadHeadAsync(cancellationToken);
        await connection.ReadBodyAsync(head, cancellationToken);
        return head.StatusCode;
    }

    /// <summary>Sends a request and reads its answer, JSON or SSE.</summary>
    public async Task<McpReply> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var connection = await ConnectionAsync(cancellationToken);
        await connection.SendAsync(BuildRequest(method, parameters, id), cancellationToken);
        var head = await connection.ReadHeadAsync(cancellationToken);
        var body = await connection.ReadBodyAsync(head, cancellationToken);
        var message = head.IsEventStream ? FindSseAnswer(body, id) : ParseObject(body);
        return new McpReply(head.StatusCode, message, head[McpMethods.SessionIdHeader]);
    }

    /// <summary>The bytes of a request POST, for scenarios that send them on their own schedule.</summary>
    public byte[] BuildRequest(string method, JsonNode? parameters, int? id = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id ?? Interlocked.Increment(ref _nextId), ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return BuildPost(message);
    }

    /// <summary>The bytes of a GET that opens the session's standalone SSE stream.</summary>
    public byte[] BuildGetStream() =>
        HttpRequestBuilder.Build("GET", _target.PathAndQuery, _target.HostHeader, SessionHeaders(McpMethods.StreamAccept), body: null);

    /// <summary>Ends the current connection the chosen way (the session, if any, is left behind: no DELETE).</summary>
    public void Close(CloseMode mode)
    {
        _connection?.Close(mode);
        _connection = null;
    }

    public void Dispose() => Close(CloseMode.Fin);

    /// <summary>The <c>tools/call</c> params for a tool and its arguments.</summary>
    public static JsonObject ToolCall(string tool, JsonObject arguments) =>
        new() { ["name"] = tool, ["arguments"] = arguments.DeepClone() };

    private byte[] BuildPost(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var headers = SessionHeaders(McpMethods.PostAccept);
        headers.Add(new("Content-Type", "application/json"));
        return HttpRequestBuilder.Build("POST", _target.PathAndQuery, _target.HostHeader, headers, body);
    }

    private List<KeyValuePair<string, string>> SessionHeaders(string accept)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Accept", accept) };
        if (Session is { } session)
        {
            if (session.SessionId is not null)
            {
                headers.Add(new(McpMethods.SessionIdHeader, session.SessionId));
            }

            headers.Add(new(McpMethods.ProtocolVersionHeader, session.ProtocolVersion));
        }

        return headers;
    }

    private static JsonObject? ParseObject(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The SSE event whose data is the answer to <paramref name="id"/> (progress and other notifications are skipped).</summary>
    private static JsonObject? FindSseAnswer(byte[] body, int id)
    {
        var text = Encoding.UTF8.GetString(body).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var block in text.Split("\n\n"))
        {
            var data = string.Join('\n', block.Split('\n')
                .Where(l => l.StartsWith("data:", StringComparison.Ordinal))
                .Select(l => l[5..].TrimStart(' ')));
            if (data.Length > 0 && ParseObject(Encoding.UTF8.GetBytes(data)) is { } message
                && message["id"] is JsonValue value && value.TryGetValue<int>(out var answered) && answered == id)
            {
                return message;
            }
        }

        return null;
    }
}
