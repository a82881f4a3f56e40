namespace Mooring.Probe.Http;

/// <summary>Status line and headers of one HTTP/1.1 response; header names are matched case-insensitively.</summary>
internal sealed class HttpResponseHead
{
    public HttpResponseHead(int statusCode, IReadOnlyDictionary<string, string> headers)
    {
        StatusCode = statusCode;
        Headers = headers;
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? this[string name] => Headers.TryGetValue(name, out var value) ? value : null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsEventStream => this["Content-Type"]?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsChunked => this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    public long? ContentLength => long.TryParse(this["Content-Length"], out var length) ? length : null;

    public bool ServerWillClose => this["Connection"]?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;
}
