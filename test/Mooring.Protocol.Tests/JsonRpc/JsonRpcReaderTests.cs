using System.Text;

namespace Mooring.Protocol.Tests.JsonRpc;

public sealed class JsonRpcReaderTests
{
    private static JsonRpcParseResult Parse(string json) => JsonRpcReader.Parse(Encoding.UTF8.GetBytes(json));

    private static string Text(ReadOnlyMemory<byte> slice) => Encoding.UTF8.GetString(slice.Span);

    private static void AssertRejected(JsonRpcParseResult result, JsonRpcParseStatus status, string detail)
    {
        Assert.False(result.IsOk);
        Assert.Null(result.Message);
        Assert.Equal(status, result.Status);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void Parse_RequestWithNumberId_ReturnsRequestWithRawParams()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":"abc"}}""");

        Assert.True(result.IsOk);
        JsonRpcMessage message = result.Message!;
        Assert.Equal(JsonRpcMessageKind.Request, message.Kind);
        Assert.True(message.IsRequest);
        Assert.False(message.IsResponse);
        Assert.Equal(new RequestId(7), message.Id);
        Assert.Equal("tools/list", message.Method);
        Assert.Equal("""{"cursor":"abc"}""", Text(message.Params));
        Assert.Equal(new RequestId(7), result.Id);
        Assert.Null(result.Detail);
    }

    [Fact]
    public void Parse_RequestWithStringId_KeepsTheIdAsString()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":"7","method":"ping"}""");

        Assert.True(result.IsOk);
        Assert.True(result.Message!.Id!.Value.IsString);
        Assert.Equal("7", result.Message.Id.Value.AsString);
        Assert.True(result.Message.Params.IsEmpty);
    }

    [Fact]
    public void Parse_MembersInAnyOrder_Parses()
    {
        JsonRpcParseResult result = Parse("""{"params":{},"method":"ping","id":1,"jsonrpc":"2.0"}""");

        Assert.True(result.IsOk);
        Assert.Equal(JsonRpcMessageKind.Request, result.Message!.Kind);
    }

    [Fact]
    public void Parse_NegativeAndLargeIntegerIds_Parse()
    {
        Assert.Equal(new RequestId(-5), Parse("""{"jsonrpc":"2.0","id":-5,"method":"ping"}""").Message!.Id);
        Assert.Equal(new RequestId(long.MaxValue), Parse("""{"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}""").Message!.Id);
    }

    [Fact]
    public void Parse_Notification_HasNoId()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        Assert.True(result.IsOk);
        Assert.Equal(JsonRpcMessageKind.Notification, result.Message!.Kind);
        Assert.Null(result.Message.Id);
        Assert.False(result.Message.IsRequest);
        Assert.False(result.Message.IsResponse);
    }

    [Fact]
    public void Parse_Result_ReturnsRawResult()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":"s-1","result":{"roots":[ ]}}""");

        Assert.True(result.IsOk);
        Assert.Equal(JsonRpcMessageKind.Result, result.Message!.Kind);
        Assert.True(result.Message.IsResponse);
        Assert.Equal(new RequestId("s-1"), result.Message.Id);
        Assert.Equal("""{"roots":[ ]}""", Text(result.Message.Result));
    }

    [Fact]
    public void Parse_ResultThatIsNotAnObject_KeepsTheRawValue()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"result":null}""");

        Assert.True(result.IsOk);
        Assert.Equal("null", Text(result.Message!.Result));
    }

    [Fact]
    public void Parse_ErrorWithData_ReturnsCodeMessageAndRawData()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"bad","data":{"why":[1,2]}}}""");

        Assert.True(result.IsOk);
        JsonRpcMessage message = result.Message!;
        Assert.Equal(JsonRpcMessageKind.Error, message.Kind);
        Assert.True(message.IsResponse);
        Assert.Equal(-32602, message.ErrorCode);
        Assert.Equal("bad", message.ErrorMessage);
        Assert.Equal("""{"why":[1,2]}""", Text(message.ErrorData));
    }

    [Fact]
    public void Parse_ErrorWithNullId_ParsesWithoutId()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}""");

        Assert.True(result.IsOk);
        Assert.Equal(JsonRpcMessageKind.Error, result.Message!.Kind);
        Assert.Null(result.Message.Id);
        Assert.True(result.Message.ErrorData.IsEmpty);
    }

    [Fact]
    public void Parse_UnknownMembers_AreIgnored()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"method":"ping","extra":{"nested":[1,{"a":2}]}}""");

        Assert.True(result.IsOk);
        Assert.Equal("ping", result.Message!.Method);
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsSkipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":1}}""")];

        JsonRpcParseResult result = JsonRpcReader.Parse(body);

        Assert.True(result.IsOk);
        Assert.Equal("""{"x":1}""", Text(result.Message!.Params));
    }

    [Fact]
    public void Parse_HugeNumbersInParams_AreKeptVerbatim()
    {
        const string Params = """{"big":123456789012345678901234567890,"tiny":1e-400,"huge":1e400}""";

        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + Params + "}");

        Assert.True(result.IsOk);
        Assert.Equal(Params, Text(result.Message!.Params));
    }

    [Fact]
    public void Parse_NonAsciiStrings_AreDecoded()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":"ü-\u00e9","method":"ping"}""");

        Assert.True(result.IsOk);
        Assert.Equal("ü-é", result.Message!.Id!.Value.AsString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void Parse_EmptyBody_IsInvalidJson(string body) =>
        AssertRejected(Parse(body), JsonRpcParseStatus.InvalidJson, "The body is empty.");

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping" """)]
    [InlineData("""{"jsonrpc":"2.0",}""")]
    [InlineData("""{jsonrpc:"2.0"}""")]
    [InlineData("not json")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} // comment""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,/* c */"method":"ping"}""")]
    public void Parse_MalformedJson_IsInvalidJson(string body) =>
        AssertRejected(Parse(body), JsonRpcParseStatus.InvalidJson, "The body is not valid JSON.");

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}{}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} 1""")]
    [InlineData("""[1] 2""")]
    public void Parse_DataAfterTheValue_IsInvalidJson(string body) =>
        AssertRejected(Parse(body), JsonRpcParseStatus.InvalidJson, "Unexpected data after the JSON value.");

    [Fact]
    public void Parse_InvalidUtf8InAString_IsInvalidJson()
    {
        byte[] body = [.. """{"jsonrpc":"2.0","id":1,"method":"p"""u8, 0xC3, 0x28, .. "\"}"u8];

        JsonRpcParseResult result = JsonRpcReader.Parse(body);

        Assert.False(result.IsOk);
        Assert.Equal(JsonRpcParseStatus.InvalidJson, result.Status);
        Assert.Null(result.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""")]
    [InlineData("\"2.0\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Parse_RootIsNotAnObject_IsInvalidMessage(string body) =>
        AssertRejected(Parse(body), JsonRpcParseStatus.InvalidMessage, "A JSON-RPC message must be a JSON object.");

    [Theory]
    [InlineData("""{"id":5,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"1.0","id":5,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":2.0,"id":5,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0 ","id":5,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":null,"id":5,"method":"ping"}""")]
    public void Parse_WrongVersion_IsInvalidMessageWithRecoveredId(string body)
    {
        JsonRpcParseResult result = Parse(body);

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "The 'jsonrpc' member must be exactly \"2.0\".");
        Assert.Equal(new RequestId(5), result.Id);
    }

    [Fact]
    public void Parse_DuplicateId_IsInvalidMessageWithNoId()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}""");

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "A JSON-RPC message must not repeat a member.");
        Assert.Null(result.Id);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","jsonrpc":"2.0","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{},"params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{},"result":{}}""")]
    public void Parse_DuplicateMember_IsInvalidMessageWithRecoveredId(string body)
    {
        JsonRpcParseResult result = Parse(body);

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "A JSON-RPC message must not repeat a member.");
        Assert.NotNull(result.Id);
    }

    [Fact]
    public void Parse_DuplicateMemberInsideParams_IsNotTheEnvelopesConcern()
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":1,"a":2}}""");

        Assert.True(result.IsOk);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("9223372036854775808")]
    [InlineData("123456789012345678901234567890")]
    public void Parse_IdOfWrongShape_IsInvalidMessageWithoutId(string id)
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":""" + id + ""","method":"ping"}""");

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "The 'id' member must be a string or an integer.");
        Assert.Null(result.Id);
    }

    [Fact]
    public void Parse_RequestWithNullId_IsInvalidMessage() =>
        AssertRejected(Parse("""{"jsonrpc":"2.0","id":null,"method":"ping"}"""), JsonRpcParseStatus.InvalidMessage, "A request id must not be null.");

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":""}""")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":null}""")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":12}""")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":["ping"]}""")]
    public void Parse_MethodNotANonEmptyString_IsInvalidMessageWithRecoveredId(string body)
    {
        JsonRpcParseResult result = Parse(body);

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "The 'method' member must be a non-empty string.");
        Assert.Equal(new RequestId(4), result.Id);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":"ping","result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":"ping","error":{"code":1,"message":"m"}}""")]
    public void Parse_RequestCarryingResultOrError_IsInvalidMessageWithRecoveredId(string body)
    {
        JsonRpcParseResult result = Parse(body);

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "A request must not carry 'result' or 'error'.");
        Assert.Equal(new RequestId(4), result.Id);
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void Parse_ScalarParams_IsInvalidMessageWithRecoveredId(string parameters)
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":4,"method":"ping","params":""" + parameters + "}");

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "The 'params' member must be an object.");
        Assert.Equal(new RequestId(4), result.Id);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":9}""")]
    [InlineData("""{"jsonrpc":"2.0","id":9,"result":{},"error":{"code":1,"message":"m"}}""")]
    public void Parse_NoMethodAndNotExactlyOneOfResultAndError_IsInvalidMessageWithRecoveredId(string body)
    {
        JsonRpcParseResult result = Parse(body);

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "A message must have 'method', or exactly one of 'result' and 'error'.");
        Assert.Equal(new RequestId(9), result.Id);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"result":{}}""")]
    public void Parse_ResultWithoutId_IsInvalidMessage(string body) =>
        AssertRejected(Parse(body), JsonRpcParseStatus.InvalidMessage, "A result must carry the id of its request.");

    [Theory]
    [InlineData("\"oops\"")]
    [InlineData("{}")]
    [InlineData("""{"code":-32600}""")]
    [InlineData("""{"message":"m"}""")]
    [InlineData("""{"code":1.5,"message":"m"}""")]
    [InlineData("""{"code":"-32600","message":"m"}""")]
    [InlineData("""{"code":-32600,"message":7}""")]
    [InlineData("""{"code":99999999999,"message":"m"}""")]
    public void Parse_MalformedErrorObject_IsInvalidMessageWithRecoveredId(string error)
    {
        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":2,"error":""" + error + "}");

        AssertRejected(result, JsonRpcParseStatus.InvalidMessage, "The 'error' member must be an object with an integer 'code' and a string 'message'.");
        Assert.Equal(new RequestId(2), result.Id);
    }

    [Fact]
    public void Parse_NestingWithinTheDepthLimit_Parses()
    {
        string parameters = Nest(JsonRpcReader.DefaultMaxDepth - 1);

        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + parameters + "}");

        Assert.True(result.IsOk);
    }

    [Fact]
    public void Parse_NestingOneBeyondTheDepthLimit_IsInvalidJson()
    {
        string parameters = Nest(JsonRpcReader.DefaultMaxDepth);

        JsonRpcParseResult result = Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":""" + parameters + "}");

        AssertRejected(result, JsonRpcParseStatus.InvalidJson, "The body is not valid JSON.");
    }

    [Fact]
    public void Parse_CustomDepthLimit_IsHonoured()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"m","params":""" + Nest(8) + "}");

        Assert.True(JsonRpcReader.Parse(body, maxDepth: 9).IsOk);
        Assert.Equal(JsonRpcParseStatus.InvalidJson, JsonRpcReader.Parse(body, maxDepth: 8).Status);
    }

    // Params nested "levels" objects deep; with the message's own object the document is levels + 1 deep.
    private static string Nest(int levels)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < levels; i++)
        {
            sb.Append("{\"a\":");
        }

        sb.Append('1');
        sb.Append('}', levels);
        return sb.ToString();
    }
}
