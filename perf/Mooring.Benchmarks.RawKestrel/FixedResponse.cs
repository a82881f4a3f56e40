using System.IO.Pipelines;
using System.Text;

namespace Mooring.Benchmarks.RawKestrel;

/// <summary>
/// Answers every POST with the bytes an MCP server sends for <c>tools/call echo "hello"</c>,
/// after reading the request body to its end, as a real server must.
/// </summary>
public static class FixedResponse
{
    /// <summary>The JSON-RPC result of the echo tool. The id is fixed; the load generator does not match it in raw mode.</summary>
    public static ReadOnlyMemory<byte> JsonBody { get; } =
        """{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hello"}]}}"""u8.ToArray();

    /// <summary>The same message as one Server-Sent Event, as servers answer when they choose a stream.</summary>
    public static ReadOnlyMemory<byte> SseBody { get; } =
        Encoding.UTF8.GetBytes("event: message\ndata: " + Encoding.UTF8.GetString(JsonBody.Span) + "\n\n");

    /// <summary>Writes <see cref="JsonBody"/> with a Content-Length.</summary>
    public static Task WriteJsonAsync(HttpContext context) =>
        WriteAsync(context, "application/json", JsonBody);

    /// <summary>Writes <see cref="SseBody"/> as <c>text/event-stream</c>, chunked, then ends the response.</summary>
    public static Task WriteSseAsync(HttpContext context) =>
        WriteAsync(context, "text/event-stream", SseBody, contentLength: false);

    private static async Task WriteAsync(HttpContext context, string contentType, ReadOnlyMemory<byte> body, bool contentLength = true)
    {
        await DrainAsync(context.Request.BodyReader, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (contentLength)
        {
            response.ContentLength = body.Length;
        }

        await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static async Task DrainAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
