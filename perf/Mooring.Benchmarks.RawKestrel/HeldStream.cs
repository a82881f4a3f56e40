using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Mooring.Benchmarks.RawKestrel;

/// <summary>
/// The floor of a held SSE stream (<c>--format sse-hold</c>): what Kestrel alone costs to keep one open with
/// heartbeats. A POST with <c>Mcp-Method: subscriptions/listen</c> gets a <c>text/event-stream</c> answer of one event,
/// then a comment every <c>--heartbeat</c> seconds until the client leaves; any other POST is answered with the
/// modern echo result carrying the request's id (the load generator's tools/call probe checks it). The heartbeat
/// loop is the plainest one an application would write: <c>Task.Delay</c>, write, flush.
/// </summary>
public static class HeldStream
{
    private static readonly byte[] Acknowledgement = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\"}\n\n"u8.ToArray();
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();
    private static readonly byte[] EchoHead = "{\"jsonrpc\":\"2.0\",\"id\":"u8.ToArray();
    private static readonly byte[] EchoTail = ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"raw-kestrel\",\"version\":\"0.1.0\"}},\"resultType\":\"complete\"}}"u8.ToArray();

    /// <summary>A request delegate holding listen streams with a heartbeat every <paramref name="interval"/>.</summary>
    public static RequestDelegate Create(TimeSpan interval) => context => RespondAsync(context, interval);

    private static async Task RespondAsync(HttpContext context, TimeSpan interval)
    {
        // The whole body: a listen request and a tools/call are both small.
        ReadResult read;
        while (!(read = await context.Request.BodyReader.ReadAsync(context.RequestAborted)).IsCompleted)
        {
            context.Request.BodyReader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        long id = ReadId(read.Buffer);
        context.Request.BodyReader.AdvanceTo(read.Buffer.End);
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (context.Request.Headers["Mcp-Method"] != "subscriptions/listen")
        {
            response.ContentType = "application/json";
            Span<byte> digits = stackalloc byte[20];
            Utf8Formatter.TryFormat(id, digits, out int written);
            response.ContentLength = EchoHead.Length + written + EchoTail.Length;
            response.BodyWriter.Write(EchoHead);
            response.BodyWriter.Write(digits[..written]);
            response.BodyWriter.Write(EchoTail);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.BodyWriter.WriteAsync(Acknowledgement, context.RequestAborted);
            while (true)
            {
                await Task.Delay(interval, context.RequestAborted);
                await response.BodyWriter.WriteAsync(Heartbeat, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left: the stream ends with its connection.
        }
    }

    private static long ReadId(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long id) ? id : 0;
            }
        }

        return 0;
    }
}
