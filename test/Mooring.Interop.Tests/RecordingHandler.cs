using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Mooring.Interop.Tests;

/// <summary>Records every request the SDK client sends (headers only: SSE bodies stay streamed).</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges];

    public string Describe() => string.Join(Environment.NewLine, Exchanges);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = Flatten(request.Headers, request.Content?.Headers);
        var exchange = new RecordedExchange(request.Method, request.RequestUri, headers);
        _exchanges.Enqueue(exchange);

        var response = await base.SendAsync(request, cancellationToken);
        exchange.ResponseHeaders = Flatten(response.Headers, response.Content.Headers);
        exchange.StatusCode = response.StatusCode;
        return response;
    }

    private static Dictionary<string, string> Flatten(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.Concat(contentHeaders ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            result[header.Key] = string.Join(", ", header.Value);
        }

        return result;
    }
}
