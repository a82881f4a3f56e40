using Mooring.Server;
using static Mooring.AspNetCore.Tests.Http.BadInput.BadInputCase;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// A correct ping with one header wrong: Content-Type (415), Accept (406), MCP-Protocol-Version (400), session ids
/// that name nothing (404) or nothing at all (400), Origin and Host (403), Last-Event-ID on GET (400); and requests
/// that are malformed HTTP, which Kestrel refuses itself.
/// </summary>
internal static class HeaderCases
{
    public static IEnumerable<BadInputCase> All()
    {
        foreach ((string name, string? value) in ContentTypes)
        {
            yield return Header($"content-type-{name}", (r, _) => Replace(r, "Content-Type", value), McpRejection.UnsupportedMediaType);
        }

        foreach ((string name, string? value) in PostAccepts)
        {
            yield return Header($"accept-{name}", (r, _) => Replace(r, "Accept", value), McpRejection.NotAcceptable);
        }

        yield return Header("get-accept-json-only", (r, _) => r.SetHeader("Accept", "application/json"), McpRejection.NotAcceptable, "GET");
        yield return Header("get-accept-missing", (r, _) => r.WithoutHeader("Accept"), McpRejection.NotAcceptable, "GET");

        // A version of the legacy era that is not served is refused on the session path; any other value makes the
        // request a modern one, which then lacks the _meta that era requires (-32602, 400). Both echo the id: the
        // body is parsed before the version is judged.
        yield return Header("protocol-version-old-2024-11-05", (r, _) => r.SetHeader("MCP-Protocol-Version", "2024-11-05"), McpRejection.UnsupportedProtocolVersion, id: "1");
        foreach ((string name, string value) in Versions)
        {
            yield return Header($"protocol-version-{name}", (r, _) => r.SetHeader("MCP-Protocol-Version", value), McpRejection.InvalidRequestMeta, id: "1");
        }

        yield return Header("protocol-version-twice", (r, _) => r.WithHeader("MCP-Protocol-Version", "2025-11-25"), McpRejection.UnsupportedProtocolVersion, id: "1");
        yield return Header("protocol-version-garbage-on-get", (r, _) => r.SetHeader("MCP-Protocol-Version", "garbage"), McpRejection.UnsupportedProtocolVersion, "GET");

        foreach ((string name, Func<string, string> value) in UnknownSessionIds)
        {
            yield return Header($"session-id-{name}", (r, s) => r.SetHeader("MCP-Session-Id", value(s!)), McpRejection.SessionNotFound, id: "1");
        }

        yield return Header("session-id-non-ascii", (r, _) => r.SetHeader("MCP-Session-Id", "sessi\u00F3n"), McpRejection.SessionNotFound, id: "1");
        yield return Header("session-id-twice", (r, s) => r.WithHeader("MCP-Session-Id", s!), McpRejection.SessionNotFound, id: "1");
        yield return Header("session-id-empty", (r, _) => r.SetHeader("MCP-Session-Id", string.Empty), McpRejection.SessionRequired, id: "1");
        yield return Header("session-id-whitespace", (r, _) => r.SetHeader("MCP-Session-Id", "   "), McpRejection.SessionRequired, id: "1");
        yield return Header("session-id-unknown-on-get", (r, s) => r.SetHeader("MCP-Session-Id", s + "x"), McpRejection.SessionNotFound, "GET");
        yield return Header("session-id-unknown-on-delete", (r, s) => r.SetHeader("MCP-Session-Id", s + "x"), McpRejection.SessionNotFound, "DELETE");

        foreach ((string name, string value) in Origins)
        {
            yield return Header($"origin-{name}", (r, _) => r.SetHeader("Origin", value), McpRejection.ForbiddenOrigin);
        }

        foreach ((string name, string value) in Hosts)
        {
            yield return Header($"host-{name}", (r, _) => r.Host = value, McpRejection.ForbiddenHost);
        }

        foreach ((string name, string value) in LastEventIds)
        {
            yield return Header($"last-event-id-{name}", (r, _) => r.SetHeader("Last-Event-ID", value), McpRejection.UnknownLastEventId, "GET");
        }

        yield return Header("chunk-size-not-hex", (r, _) =>
        {
            r.OmitContentLength = true;
            r.WithHeader("Transfer-Encoding", "chunked");
            r.Body = "zz\r\n{\"jsonrpc\"\r\n0\r\n\r\n"u8.ToArray();
        }, McpRejection.ParseError);

        yield return MalformedHttp("host-missing", (r, _) => r.OmitHost = true);
        yield return MalformedHttp("host-twice", (r, _) => r.WithHeader("Host", "localhost"));
        yield return MalformedHttp("header-without-colon", (r, _) => r.WithHeader("Broken header line", string.Empty));
        yield return MalformedHttp("header-name-with-space", (r, _) => r.WithHeader("MCP Session", "x"));
        yield return MalformedHttp("header-value-with-nul", (r, _) => r.WithHeader("X-Test", "a\0b"));
        yield return MalformedHttp("content-length-twice-different", (r, _) => r.WithHeader("Content-Length", "3"));
        yield return MalformedHttp("content-length-negative", (r, _) => r.ContentLengthOverride = -1);
        yield return MalformedHttp("content-length-not-a-number", (r, _) => r.WithoutHeader("Content-Length").WithHeader("Content-Length", "twelve"));
        yield return MalformedHttp("transfer-encoding-unknown", (r, _) => r.WithHeader("Transfer-Encoding", "gzip"));
    }

    private static (string, string?)[] ContentTypes =>
    [
        ("missing", null),
        ("empty", string.Empty),
        ("text-plain", "text/plain"),
        ("application-xml", "application/xml"),
        ("form", "application/x-www-form-urlencoded"),
        ("charset-utf16", "application/json; charset=utf-16"),
        ("charset-latin1", "application/json; charset=iso-8859-1"),
        ("charset-empty", "application/json; charset="),
        ("jsonp", "application/jsonp"),
        ("json-seq", "application/json-seq"),
        ("bare-json", "json"),
        ("wildcard", "*/*"),
        ("event-stream", "text/event-stream"),
    ];

    private static (string, string?)[] PostAccepts =>
    [
        ("missing", null),
        ("empty", string.Empty),
        ("json-only", "application/json"),
        ("event-stream-only", "text/event-stream"),
        ("text-plain", "text/plain"),
        ("semicolon-instead-of-comma", "application/json;text/event-stream"),
        ("misspelled", "application/jsn, text/event-stream"),
        ("json-suffix-type", "application/problem+json, text/event-stream"),
    ];

    private static (string, string)[] Versions =>
    [
        ("garbage", "garbage"),
        ("future", "2099-01-01"),
        ("impossible-date", "2025-13-45"),
        ("list", "2025-11-25, 2025-06-18"),
        ("with-parameter", "2025-11-25; q=1"),
        ("prefixed", "v2025-11-25"),
        ("very-long", new string('9', 2000)),
    ];

    private static (string, Func<string, string>)[] UnknownSessionIds =>
    [
        ("with-space", _ => "abc def"),
        ("appended-char", s => s + "x"),
        ("truncated", s => s[..^1]),
        ("case-flipped", FlipCase),
        ("very-long", _ => new string('s', 4000)),
        ("path-like", _ => "../../etc/passwd"),
        ("quoted", s => $"\"{s}\""),
    ];

    private static (string, string)[] Origins =>
    [
        ("foreign", "http://evil.example"),
        ("null", "null"),
        ("loopback-lookalike", "http://localhost.evil.example"),
        ("file", "file:///etc/passwd"),
        ("garbage", "::::"),
    ];

    private static (string, string)[] Hosts =>
    [
        ("foreign", "evil.example"),
        ("loopback-lookalike", "localhost.evil.example"),
        ("private-address", "192.168.1.10:8080"),
    ];

    private static (string, string)[] LastEventIds =>
    [
        ("garbage", "garbage"),
        ("unknown-stream", "77.1"),
        ("negative-sequence", "1.-5"),
        ("no-stream", ".3"),
        ("no-dot", "12"),
        ("too-long", new string('1', 200) + ".1"),
    ];

    // The id with every letter's case flipped: ids are compared byte for byte.
    private static string FlipCase(string id) => string.Concat(id.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

    private static void Replace(RawHttpRequest request, string name, string? value)
    {
        request.WithoutHeader(name);
        if (value is not null)
        {
            request.WithHeader(name, value);
        }
    }
}
