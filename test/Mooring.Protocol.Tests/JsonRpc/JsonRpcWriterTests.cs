using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Mooring.Protocol.Tests.JsonRpc;

public sealed class JsonRpcWriterTests
{
    private static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static JsonRpcMessage ReadBack(byte[] json)
    {
        JsonRpcParseResult parsed = JsonRpcReader.Parse(json);
        Assert.True(parsed.IsOk, parsed.Detail);
        return parsed.Message!;
    }

    private static void AssertSingleLine(byte[] json)
    {
        Assert.DoesNotContain((byte)'\n', json);
        Assert.DoesNotContain((byte)'\r', json);
    }

    [Fact]
    public void WriteResult_TypedResult_RoundTripsThroughTheReader()
    {
        var result = new CallToolResult { Content = [new TextContent { Text = "line one\nline two\r\n" }], IsError = false };

        byte[] json = Write(b => JsonRpcWriter.WriteResult(b, new RequestId(12), result, McpJsonContext.Default.CallToolResult));

        AssertSingleLine(json);
        JsonRpcMessage message = ReadBack(json);
        Assert.Equal(JsonRpcMessageKind.Result, message.Kind);
        Assert.Equal(new RequestId(12), message.Id);
        CallToolResult back = JsonSerializer.Deserialize(message.Result.Span, McpJsonContext.Default.CallToolResult)!;
        Assert.Equal("line one\nline two\r\n", Assert.IsType<TextContent>(Assert.Single(back.Content)).Text);
        Assert.False(back.IsError);
    }

    [Fact]
    public void WriteResult_StartsWithVersionThenId()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteResult(b, new RequestId("a"), new EmptyResult(), McpJsonContext.Default.EmptyResult));

        Assert.Equal("""{"jsonrpc":"2.0","id":"a","result":{}}""", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void WriteRawResult_EmbedsTheJsonVerbatim()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteRawResult(b, new RequestId(1), """{"tools":[],"nextCursor":"x"}"""u8));

        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"tools":[],"nextCursor":"x"}}""", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void WriteError_WithData_RoundTrips()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteError(b, new RequestId("q"), -32602, "Bad \"params\"\n", """{"supported":["2025-11-25"]}"""u8));

        AssertSingleLine(json);
        JsonRpcMessage message = ReadBack(json);
        Assert.Equal(JsonRpcMessageKind.Error, message.Kind);
        Assert.Equal(new RequestId("q"), message.Id);
        Assert.Equal(-32602, message.ErrorCode);
        Assert.Equal("Bad \"params\"\n", message.ErrorMessage);
        Assert.Equal("""{"supported":["2025-11-25"]}""", Encoding.UTF8.GetString(message.ErrorData.Span));
    }

    [Fact]
    public void WriteError_WithoutData_OmitsData()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteError(b, new RequestId(3), -32601, "Method not found."));

        Assert.Equal("""{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found."}}""", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void WriteError_WithoutId_WritesNullId()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteError(b, null, -32700, "Parse error"));

        Assert.Equal("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}""", Encoding.UTF8.GetString(json));
        Assert.Null(ReadBack(json).Id);
    }

    [Fact]
    public void WriteRequest_RoundTrips()
    {
        var request = new CreateMessageRequestParams { MaxTokens = 100, Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContent { Text = "hi" }] }] };

        byte[] json = Write(b => JsonRpcWriter.WriteRequest(b, new RequestId(44), McpMethods.SamplingCreateMessage, request, McpJsonContext.Default.CreateMessageRequestParams));

        AssertSingleLine(json);
        JsonRpcMessage message = ReadBack(json);
        Assert.Equal(JsonRpcMessageKind.Request, message.Kind);
        Assert.Equal(new RequestId(44), message.Id);
        Assert.Equal("sampling/createMessage", message.Method);
        CreateMessageRequestParams back = JsonSerializer.Deserialize(message.Params.Span, McpJsonContext.Default.CreateMessageRequestParams)!;
        Assert.Equal(100, back.MaxTokens);
        Assert.Equal("hi", Assert.IsType<TextContent>(Assert.Single(Assert.Single(back.Messages).Content)).Text);
    }

    [Fact]
    public void WriteNotification_WithParams_RoundTrips()
    {
        var progress = new ProgressNotificationParams { ProgressToken = new RequestId("tok"), Progress = 0.5, Total = 1 };

        byte[] json = Write(b => JsonRpcWriter.WriteNotification(b, McpMethods.NotificationProgress, progress, McpJsonContext.Default.ProgressNotificationParams));

        AssertSingleLine(json);
        JsonRpcMessage message = ReadBack(json);
        Assert.Equal(JsonRpcMessageKind.Notification, message.Kind);
        Assert.Null(message.Id);
        Assert.Equal("notifications/progress", message.Method);
        JsonAssert.Equivalent("""{"progressToken":"tok","progress":0.5,"total":1}""", Encoding.UTF8.GetString(message.Params.Span));
    }

    [Fact]
    public void WriteNotification_WithoutTypeInfo_OmitsParams()
    {
        byte[] json = Write(b => JsonRpcWriter.WriteNotification<object?>(b, McpMethods.NotificationToolListChanged, null, null));

        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}""", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void Write_ConsecutiveCallsToDifferentBuffers_DoNotDisturbEarlierOutput()
    {
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();

        JsonRpcWriter.WriteError(first, new RequestId(1), -1, "first");
        byte[] firstBefore = first.WrittenSpan.ToArray();
        JsonRpcWriter.WriteError(second, new RequestId(2), -2, "second, longer message");

        Assert.Equal(firstBefore, first.WrittenSpan.ToArray());
        Assert.Equal(-2, ReadBack(second.WrittenSpan.ToArray()).ErrorCode);
    }

    [Fact]
    public void Write_AfterSerializerFailure_WriterStillProducesValidOutput()
    {
        var bad = new ArrayBufferWriter<byte>();
        var unknownBlock = new UnknownBlock();
        Assert.ThrowsAny<Exception>(() => JsonRpcWriter.WriteResult<ContentBlock>(bad, new RequestId(1), unknownBlock, McpJsonContext.Default.ContentBlock));

        byte[] json = Write(b => JsonRpcWriter.WriteError(b, new RequestId(2), -3, "ok"));

        Assert.Equal("""{"jsonrpc":"2.0","id":2,"error":{"code":-3,"message":"ok"}}""", Encoding.UTF8.GetString(json));
    }

    private sealed class UnknownBlock : ContentBlock;
}
