using Mooring.Protocol;

namespace Mooring.Server.Tests.Dispatch;

public sealed class McpRejectionsTests
{
    public static TheoryData<McpRejection> AllRejections => [.. Enum.GetValues<McpRejection>()];

    [Theory]
    [MemberData(nameof(AllRejections))]
    public void Describe_EveryRejection_HasACodeStatusAndMessage(McpRejection rejection)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);

        Assert.InRange(info.Code, -32768, -32000);
        Assert.True(info.HttpStatus is (>= 200 and < 500) or 503, $"{rejection}: unexpected status {info.HttpStatus}");
        Assert.False(string.IsNullOrWhiteSpace(info.Message));
    }

    [Theory]
    [InlineData(McpRejection.ServerBusy)]
    [InlineData(McpRejection.SessionBusy)]
    [InlineData(McpRejection.TooManySessions)]
    [InlineData(McpRejection.TooManyStreams)]
    public void Describe_CapacityRefusals_Are503WithRetryAdvice(McpRejection rejection)
    {
        McpRejectionInfo info = McpRejections.Describe(rejection);

        Assert.Equal(503, info.HttpStatus);
        Assert.Contains("retry later", info.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(McpRejection.ParseError, JsonRpcErrorCodes.ParseError)]
    [InlineData(McpRejection.InvalidRequest, JsonRpcErrorCodes.InvalidRequest)]
    [InlineData(McpRejection.MethodNotFound, JsonRpcErrorCodes.MethodNotFound)]
    [InlineData(McpRejection.InvalidParams, JsonRpcErrorCodes.InvalidParams)]
    [InlineData(McpRejection.InternalError, JsonRpcErrorCodes.InternalError)]
    public void Describe_JsonRpcRejections_UseTheStandardCodes(McpRejection rejection, int code) =>
        Assert.Equal(code, McpRejections.Describe(rejection).Code);

    [Fact]
    public void Describe_UnknownValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => McpRejections.Describe((McpRejection)999));

    [Fact]
    public void Rejection_WithDetail_ReplacesTheMessageButKeepsCodeAndStatus()
    {
        McpOutgoingMessage message = McpOutgoingMessage.Rejection(new RequestId(1), McpRejection.SessionNotFound, "gone");

        Assert.Equal(404, message.HttpStatus);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"gone"}}""", System.Text.Encoding.UTF8.GetString(message.ToArray()));
    }

    [Fact]
    public void Batch_WritesTheResponsesAsOneArray()
    {
        McpOutgoingMessage batch = McpOutgoingMessage.Batch(
        [
            McpOutgoingMessage.Result(new RequestId(1), new EmptyResult(), McpJsonContext.Default.EmptyResult),
            McpOutgoingMessage.Error(new RequestId("b"), -32601, "Method not found."),
        ]);

        Assert.Equal(
            """[{"jsonrpc":"2.0","id":1,"result":{}},{"jsonrpc":"2.0","id":"b","error":{"code":-32601,"message":"Method not found."}}]""",
            System.Text.Encoding.UTF8.GetString(batch.ToArray()));
        Assert.Null(batch.Id);
    }
}
