using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mooring.LoadGen;

/// <summary>Prepared HTTP/1.1 request bytes for the MCP exchanges the load generator makes.</summary>
internal static class McpRequests
{
    public const string ProtocolVersion = "2025-11-25";
    public const string InitializeMethod = "initialize";
    public const string InitializedNotification = "notifications/initialized";
    public const string ToolsCallMethod = "tools/call";
    public const string EchoTool = "echo";
    public const string EchoText = "hello";

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

    /// <summary>A tools/call echo request whose id sits at <paramref name="idOffset"/>; see <see cref="WriteId"/>.</summary>
    public static byte[] ToolsCall(Uri url, string? sessionId, string? protocolVersion, out int idOffset)
    {
        var request = Post(url, sessionId, protocolVersion, $$$$"""
            {"jsonrpc":"2.0","id":{{{{FixedId}}}},"method":"{{{{ToolsCallMethod}}}}","params":{"name":"{{{{EchoTool}}}}","arguments":{"text":"{{{{EchoText}}}}"}}}
            """);
        var marker = Encoding.ASCII.GetBytes("\"id\":" + FixedId.ToString(CultureInfo.InvariantCulture));
        idOffset = request.AsSpan().IndexOf(marker) + marker.Length - IdDigits;
        return request;
    }

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

    private static byte[] Post(Uri url, string? sessionId, string? protocolVersion, string json)
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

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }
}
