using System.Text;
using System.Text.Json;

namespace Mooring.Testing;

/// <summary>A response read by <see cref="RawHttpClient"/>: status, headers in wire order, and the body once read.</summary>
public sealed class RawHttpResponse
{
    internal RawHttpResponse(int statusCode, string reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
    }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase.</summary>
    public string ReasonPhrase { get; }

    /// <summary>The headers as received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The decoded body (chunked framing removed); empty until read.</summary>
    public byte[] Body { get; internal set; } = [];

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>True when the body is framed with <c>Transfer-Encoding: chunked</c>.</summary>
    public bool IsChunked => HeaderValues("Transfer-Encoding").Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Content-Length header, or null.</summary>
    public long? ContentLength => Header("Content-Length") is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => HeaderValues(name) is [var first, ..] ? first : null;

    /// <summary>Every value of a header, in order.</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        [.. Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    /// <summary>Parses the body as JSON (the caller disposes the document).</summary>
    public JsonDocument ParseJson() => JsonDocument.Parse(Body);

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {ReasonPhrase} ({Body.Length} body bytes)";
}
