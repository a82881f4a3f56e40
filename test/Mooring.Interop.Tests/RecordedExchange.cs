using System.Net;

namespace Mooring.Interop.Tests;

/// <summary>One HTTP request the SDK client sent, and the status it got back.</summary>
public sealed class RecordedExchange
{
    public RecordedExchange(HttpMethod method, Uri? uri, IReadOnlyDictionary<string, string> requestHeaders)
    {
        Method = method;
        Uri = uri;
        RequestHeaders = requestHeaders;
    }

    public HttpMethod Method { get; }

    public Uri? Uri { get; }

    /// <summary>Request and content headers, case-insensitive, multiple values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; }

    /// <summary>The JSON-RPC method, from the Mcp-Method header the 2.4 client adds to every POST.</summary>
    public string? McpMethod => Header("Mcp-Method");

    /// <summary>Null until the response headers arrived (or when the request failed).</summary>
    public HttpStatusCode? StatusCode { get; internal set; }

    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; internal set; }

    public string? Header(string name) => RequestHeaders.TryGetValue(name, out var value) ? value : null;

    public override string ToString() =>
        $"{Method} {Uri} [{McpMethod}] -> {(StatusCode is { } s ? (int)s : "?")} {{{string.Join("; ", RequestHeaders.Select(h => $"{h.Key}: {h.Value}"))}}}";
}
