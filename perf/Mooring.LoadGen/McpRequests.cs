using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mooring.LoadGen;

/// <summary>Prepared HTTP/1.1 request bytes for the MCP exchanges the load generator makes.</summary>
internal static class McpRequests
{
    /// <summary>The revision of legacy (session) requests: initialize handshake, <c>MCP-Session-Id</c>.</summary>
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>The stateless revision: no handshake, no session, the protocol version and capabilities in each request's <c>_meta</c>.</summary>
    public const string ModernProtocolVersion = "2026-07-28";

    public const string InitializeMethod = "initialize";
    public const string InitializedNotification = "notifications/initialized";
    public const string ToolsCallMethod = "tools/call";
    public const string SubscriptionsListenMethod = "subscriptions/listen";
    public const string ProgressNotification = "notifications/progress";
    public const string EchoTool = "echo";
    public const string EchoText = "hello";

    /// <summary><see cref="ProgressNotification"/> in UTF-8, for the inspector.</summary>
    public static ReadOnlySpan<byte> ProgressNotificationUtf8 => "notifications/progress"u8;

    /// <summary><see cref="EchoText"/> in UTF-8: every tools/call result must carry it back as <c>content[0].text</c>.</summary>
    public static readonly byte[] EchoTextUtf8 = Encoding.UTF8.GetBytes(EchoText);

    /// <summary>Request ids have exactly this many digits, so rewriting the id never changes Content-Length.</summary>
    public const int IdDigits = 14;

    /// <summary>The id used for the handshake and, in raw mode, for every request.</summary>
    public const long FixedId = 10_000_000_000_000;

    /// <summary>Ids of connection <c>c</c> start at (1000 + c) * 10^10: 14 digits for up to 9,000 connections and 10^10 requests each.</summary>
    public static long FirstIdOf(int connection) => (1000L + connection) * 10_000_000_000L;

    public static byte[] Initialize(Uri url) => Post(url, sessionId: null, protocolVersion: null, $$$$"""
        {"jsonrpc":"2.0","id":{{{{FixedId}}}},"method":"{{{{InitializeMethod}}}}","params":{"protocolVersion":"{{{{ProtocolVersion}}}}","capabilities":{},"clientInfo":{"name":"Mooring.LoadGen","version":"1.0.0"}}}
        """);

    public static byte[] Initialized(Uri url, string? sessionId) => Post(url, sessionId, ProtocolVersion, $$$$"""
        {"jsonrpc":"2.0","method":"{{{{InitializedNotification}}}}"}
        """);

    /// <summary>
    /// A tools/call of <paramref name="tool"/> with <c>{"text":"hello"}</c> whose id sits at <paramref name="idOffset"/>
    /// (see <see cref="WriteId"/>). Legacy: <c>MCP-Protocol-Version</c> 2025-11-25 and the session header when there is a
    /// session. Modern: the 2026-07-28 headers (<c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>) and
    /// <c>_meta</c> with the protocol version and empty client capabilities. With <paramref name="progressToken"/>, the
    /// request asks for progress notifications (<c>_meta.progressToken</c>).
    /// </summary>
    public static byte[] ToolsCall(Uri url, RequestShape shape, string? sessionId, string tool, long? progressToken, out int idOffset)
    {
        var meta = new StringBuilder();
        if (progressToken is { } token)
        {
            meta.Append(CultureInfo.InvariantCulture, $"\"progressToken\":{token}");
        }

        if (shape == RequestShape.Modern)
        {
            meta.Append(meta.Length == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"\"io.modelcontextprotocol/protocolVersion\":\"{ModernProtocolVersion}\",\"io.modelcontextprotocol/clientCapabilities\":{{}}");
        }

        var metaMember = meta.Length == 0 ? "" : $",\"_meta\":{{{meta}}}";
        var json = $$$$"""
            {"jsonrpc":"2.0","id":{{{{FixedId}}}},"method":"{{{{ToolsCallMethod}}}}","params":{"name":"{{{{tool}}}}","arguments":{"text":"{{{{EchoText}}}}"}{{{{metaMember}}}}}}
            """;
        var request = shape == RequestShape.Modern
            ? Post(url, sessionId: null, ModernProtocolVersion, json, ToolsCallMethod, tool)
            : Post(url, sessionId, ProtocolVersion, json);
        var marker = Encoding.ASCII.GetBytes("\"id\":" + FixedId.ToString(CultureInfo.InvariantCulture));
        idOffset = request.AsSpan().IndexOf(marker) + marker.Length - IdDigits;
        return request;
    }

    /// <summary>A legacy session's GET stream: <c>Accept: text/event-stream</c> with the session's headers.</summary>
    public static byte[] GetStream(Uri url, string sessionId) => Encoding.ASCII.GetBytes(
        $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nAccept: text/event-stream\r\n" +
        $"MCP-Session-Id: {sessionId}\r\nMCP-Protocol-Version: {ProtocolVersion}\r\n\r\n");

    /// <summary>A 2026-07-28 <c>subscriptions/listen</c> for tool list changes: a stream that stays open and carries heartbeats.</summary>
    public static byte[] Listen(Uri url, long id)
    {
        var meta = $"\"_meta\":{{\"io.modelcontextprotocol/protocolVersion\":\"{ModernProtocolVersion}\",\"io.modelcontextprotocol/clientCapabilities\":{{}}}}";
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{SubscriptionsListenMethod}\",\"params\":{{\"notifications\":{{\"toolsListChanged\":true}},{meta}}}}}");
        return Post(url, sessionId: null, ModernProtocolVersion, json, SubscriptionsListenMethod, name: null);
    }

    /// <summary>A plain GET, for the health probe.</summary>
    public static byte[] Get(Uri url, string path) => Encoding.ASCII.GetBytes(
        $"GET {path} HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n");

    public static byte[] Delete(Uri url, string sessionId) => Encoding.ASCII.GetBytes(
        $"DELETE {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nMCP-Session-Id: {sessionId}\r\n" +
        $"MCP-Protocol-Version: {ProtocolVersion}\r\nContent-Length: 0\r\n\r\n");

    /// <summary>Overwrites the id in a request made by <see cref="ToolsCall"/>. Does not allocate.</summary>
    public static void WriteId(byte[] request, int idOffset, long id)
    {
        if (!Utf8Formatter.TryFormat(id, request.AsSpan(idOffset, IdDigits), out var written) || written != IdDigits)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Request ids must have {IdDigits} digits.");
        }
    }

    private static byte[] Post(Uri url, string? sessionId, string? protocolVersion, string json, string? method = null, string? name = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {url.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {url.Authority}\r\n")
            .Append("Accept: application/json, text/event-stream\r\n")
            .Append("Content-Type: application/json\r\n");
        if (sessionId is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"MCP-Session-Id: {sessionId}\r\n");
        }

        if (protocolVersion is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"MCP-Protocol-Version: {protocolVersion}\r\n");
        }

        // 2026-07-28 requests mirror their method and name in headers, so proxies can route without reading the body.
        if (method is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Mcp-Method: {method}\r\n");
        }

        if (name is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Mcp-Name: {name}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }
}
