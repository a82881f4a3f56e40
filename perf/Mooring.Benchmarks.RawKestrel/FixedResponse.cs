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

    /// <summary>
    /// The same result as a 2026-07-28 server sends it: with <c>resultType</c> and the server's identity in <c>_meta</c>,
    /// so the modern ceiling writes as many bytes as a modern server must.
    /// </summary>
    public static ReadOnlyMemory<byte> ModernJsonBody { get; } =
        """{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hello"}],"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"raw-kestrel","version":"0.1.0"}},"resultType":"complete"}}"""u8.ToArray();

    /// <summary>The echo result as one Server-Sent Event, as servers answer when they choose a stream.</summary>
    public static ReadOnlyMemory<byte> SseBody { get; } = Event(JsonBody.Span);

    /// <summary>A <c>notifications/progress</c> for the request's token, as one Server-Sent Event.</summary>
    public static ReadOnlyMemory<byte> SseProgressEvent { get; } =
        Event("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1,"total":1}}"""u8);

    /// <summary>Writes <see cref="JsonBody"/> with a Content-Length.</summary>
    public static Task WriteJsonAsync(HttpContext context) =>
        WriteAsync(context, "application/json", JsonBody);

    /// <summary>Writes <see cref="ModernJsonBody"/> with a Content-Length.</summary>
    public static Task WriteModernJsonAsync(HttpContext context) =>
        WriteAsync(context, "application/json", ModernJsonBody);

    /// <summary>Writes <see cref="SseBody"/> as <c>text/event-stream</c>, chunked, then ends the response.</summary>
    public static Task WriteSseAsync(HttpContext context) =>
        WriteAsync(context, "text/event-stream", SseBody, contentLength: false);

    /// <summary>
    /// The ceiling of the SSE response mode: <see cref="SseProgressEvent"/>, flushed on its own as a server sends a
    /// notification while the tool still runs, then <see cref="SseBody"/>, then the end of the chunked response.
    /// </summary>
    public static async Task WriteSseWithProgressAsync(HttpContext context)
    {
        await WriteAsync(context, "text/event-stream", SseProgressEvent, contentLength: false);
        await context.Response.BodyWriter.WriteAsync(SseBody, context.RequestAborted);
    }

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

    private static byte[] Event(ReadOnlySpan<byte> json) =>
        Encoding.UTF8.GetBytes("event: message\ndata: " + Encoding.UTF8.GetString(json) + "\n\n");
}
