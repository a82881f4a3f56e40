using System.Globalization;
using System.Text;

namespace Mooring.Testing;

/// <summary>
/// An HTTP/1.1 request written byte for byte: any method, any header (repeated, malformed, non-ASCII), with or
/// without Host and Content-Length, and a body sent whole or chunked. Built with the factory methods and the
/// <c>With…</c> helpers, turned into bytes by <see cref="ToBytes"/>.
/// </summary>
public sealed class RawHttpRequest
{
    /// <summary>The Accept header a well-behaved MCP client sends on POST.</summary>
    public const string PostAccept = "application/json, text/event-stream";

    /// <summary>The request method.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>The request target, for example <c>/mcp</c>.</summary>
    public string Target { get; set; } = "/mcp";

    /// <summary>The Host header; null sends the client's own address (<c>127.0.0.1:port</c>).</summary>
    public string? Host { get; set; }

    /// <summary>When true, no Host header at all is sent.</summary>
    public bool OmitHost { get; set; }

    /// <summary>Headers in the order they are sent; a name may repeat.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>The body; null sends none.</summary>
    public byte[]? Body { get; set; }

    /// <summary>When positive, the body is sent with <c>Transfer-Encoding: chunked</c> in chunks of this size.</summary>
    public int ChunkSize { get; set; }

    /// <summary>When true, no Content-Length is generated: the test frames the body itself (for example a hand-written chunked body).</summary>
    public bool OmitContentLength { get; set; }

    /// <summary>When set, this Content-Length is sent instead of the body's real length (a lying client).</summary>
    public long? ContentLengthOverride { get; set; }

    /// <summary>A POST of <paramref name="json"/> with the headers a correct client sends.</summary>
    public static RawHttpRequest Post(string json, string? sessionId = null, string? protocolVersion = null, string target = "/mcp") =>
        Post(Encoding.UTF8.GetBytes(json), sessionId, protocolVersion, target);

    /// <summary>A POST of raw bytes with the headers a correct client sends.</summary>
    public static RawHttpRequest Post(byte[] body, string? sessionId = null, string? protocolVersion = null, string target = "/mcp")
    {
        var request = new RawHttpRequest { Method = "POST", Target = target, Body = body }
            .WithHeader("Accept", PostAccept)
            .WithHeader("Content-Type", "application/json");
        return request.WithSession(sessionId, protocolVersion);
    }

    /// <summary>A GET that opens or resumes an SSE stream.</summary>
    public static RawHttpRequest Get(string? sessionId, string? lastEventId = null, string? protocolVersion = null, string target = "/mcp")
    {
        RawHttpRequest request = new RawHttpRequest { Method = "GET", Target = target }
            .WithHeader("Accept", "text/event-stream")
            .WithSession(sessionId, protocolVersion);
        return lastEventId is null ? request : request.WithHeader("Last-Event-ID", lastEventId);
    }

    /// <summary>A request with any method and no headers beyond Host.</summary>
    public static RawHttpRequest Create(string method, string target = "/mcp") => new() { Method = method, Target = target };

    /// <summary>Adds a header (repeating the name is allowed).</summary>
    public RawHttpRequest WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    /// <summary>Replaces every header of that name with one value.</summary>
    public RawHttpRequest SetHeader(string name, string value) => WithoutHeader(name).WithHeader(name, value);

    /// <summary>Removes every header of that name.</summary>
    public RawHttpRequest WithoutHeader(string name)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    /// <summary>Adds the session and protocol version headers when given.</summary>
    public RawHttpRequest WithSession(string? sessionId, string? protocolVersion = null)
    {
        if (sessionId is not null)
        {
            SetHeader("MCP-Session-Id", sessionId);
        }

        if (protocolVersion is not null)
        {
            SetHeader("MCP-Protocol-Version", protocolVersion);
        }

        return this;
    }

    /// <summary>
    /// The request's bytes. The head is encoded as UTF-8, so a test can put non-ASCII bytes in a header on purpose.
    /// </summary>
    public byte[] ToBytes(string defaultHost)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{Method} {Target} HTTP/1.1\r\n");
        if (!OmitHost)
        {
            head.Append(CultureInfo.InvariantCulture, $"Host: {Host ?? defaultHost}\r\n");
        }

        foreach (KeyValuePair<string, string> header in Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
        }

        bool chunked = ChunkSize > 0 && Body is not null;
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (OmitContentLength)
        {
        }
        else if (ContentLengthOverride is { } length)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
        }
        else if (Body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {Body.Length}\r\n");
        }

        head.Append("\r\n");
        using var output = new MemoryStream();
        output.Write(Encoding.UTF8.GetBytes(head.ToString()));
        if (Body is null)
        {
            return output.ToArray();
        }

        if (!chunked)
        {
            output.Write(Body);
            return output.ToArray();
        }

        for (int offset = 0; offset < Body.Length; offset += ChunkSize)
        {
            int size = Math.Min(ChunkSize, Body.Length - offset);
            output.Write(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(Body, offset, size);
            output.Write("\r\n"u8);
        }

        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }
}
