using System.Buffers;
using System.Globalization;
using System.Text;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Writes SSE frames. Messages are compact JSON without raw newlines, so each fits one <c>data:</c> line.
/// </summary>
internal static class SseFrames
{
    private static ReadOnlySpan<byte> IdField => "id: "u8;

    private static ReadOnlySpan<byte> DataField => "data: "u8;

    /// <summary><c>id: …\ndata: {json}\n\n</c> (the id line only when given).</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string? eventId, McpOutgoingMessage message)
    {
        WriteIdLine(output, eventId);
        output.Write(DataField);
        message.WriteTo(output);
        output.Write("\n\n"u8);
    }

    /// <summary>An event whose data is already serialized.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string? eventId, ReadOnlySpan<byte> json)
    {
        WriteIdLine(output, eventId);
        output.Write(DataField);
        output.Write(json);
        output.Write("\n\n"u8);
    }

    /// <summary>The priming event: an id and empty data, so the client can resume from here (spec SHOULD).</summary>
    public static void WritePriming(IBufferWriter<byte> output, string eventId)
    {
        WriteIdLine(output, eventId);
        output.Write("data: \n\n"u8);
    }

    /// <summary>A <c>retry</c> field telling the client how long to wait before reconnecting.</summary>
    public static void WriteRetry(IBufferWriter<byte> output, TimeSpan retry)
    {
        output.Write("retry: "u8);
        WriteAscii(output, ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        output.Write("\n\n"u8);
    }

    /// <summary>A comment line; clients ignore it, proxies see traffic.</summary>
    public static void WriteComment(IBufferWriter<byte> output, string comment)
    {
        output.Write(": "u8);
        WriteAscii(output, comment);
        output.Write("\n\n"u8);
    }

    private static void WriteIdLine(IBufferWriter<byte> output, string? eventId)
    {
        if (eventId is null)
        {
            return;
        }

        output.Write(IdField);
        WriteAscii(output, eventId);
        output.Write("\n"u8);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        Span<byte> span = output.GetSpan(text.Length);
        int written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
