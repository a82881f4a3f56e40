using System.Text;

namespace Mooring.Protocol.Tests.JsonRpc;

public sealed class JsonRpcReaderBatchTests
{
    private static JsonRpcParseStatus ParseBatch(string json, out List<JsonRpcParseResult> items, int maxItems = 1000) =>
        JsonRpcReader.ParseBatch(Encoding.UTF8.GetBytes(json), out items, maxItems: maxItems);

    [Theory]
    [InlineData("[]", true)]
    [InlineData("  \r\n\t[{}]", true)]
    [InlineData("{}", false)]
    [InlineData("  {\"a\":[1]}", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void IsBatch_FirstSignificantCharacter_Decides(string body, bool expected) =>
        Assert.Equal(expected, JsonRpcReader.IsBatch(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void IsBatch_AfterByteOrderMark_SeesTheArray()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, (byte)' ', (byte)'['];

        Assert.True(JsonRpcReader.IsBatch(body));
    }

    [Fact]
    public void ParseBatch_EmptyArray_IsEmptyBatch()
    {
        Assert.Equal(JsonRpcParseStatus.EmptyBatch, ParseBatch("[ ]", out List<JsonRpcParseResult> items));
        Assert.Empty(items);
    }

    [Fact]
    public void ParseBatch_MixedItems_ReturnsOneResultPerItemInOrder()
    {
        const string Body = """
            [
              {"jsonrpc":"2.0","id":1,"method":"tools/list"},
              {"jsonrpc":"2.0","method":"notifications/initialized"},
              {"jsonrpc":"2.0","id":"r","result":{}},
              1,
              {"jsonrpc":"1.0","id":5,"method":"ping"},
              "text",
              {"jsonrpc":"2.0","id":6,"error":{"code":-1,"message":"m"}}
            ]
            """;

        JsonRpcParseStatus status = ParseBatch(Body, out List<JsonRpcParseResult> items);

        Assert.Equal(JsonRpcParseStatus.Ok, status);
        Assert.Equal(7, items.Count);
        Assert.Equal(JsonRpcMessageKind.Request, items[0].Message!.Kind);
        Assert.Equal(JsonRpcMessageKind.Notification, items[1].Message!.Kind);
        Assert.Equal(JsonRpcMessageKind.Result, items[2].Message!.Kind);
        Assert.Equal(JsonRpcParseStatus.InvalidMessage, items[3].Status);
        Assert.Equal("A JSON-RPC message must be a JSON object.", items[3].Detail);
        Assert.Equal(JsonRpcParseStatus.InvalidMessage, items[4].Status);
        Assert.Equal(new RequestId(5), items[4].Id);
        Assert.Equal(JsonRpcParseStatus.InvalidMessage, items[5].Status);
        Assert.Equal(JsonRpcMessageKind.Error, items[6].Message!.Kind);
    }

    [Fact]
    public void ParseBatch_ItemParams_AreSlicesOfTheirOwnItem()
    {
        ParseBatch("""[{"jsonrpc":"2.0","id":1,"method":"a","params":{"n":1}},{"jsonrpc":"2.0","id":2,"method":"b","params":{"n":2}}]""", out List<JsonRpcParseResult> items);

        Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString(items[0].Message!.Params.Span));
        Assert.Equal("""{"n":2}""", Encoding.UTF8.GetString(items[1].Message!.Params.Span));
    }

    [Fact]
    public void ParseBatch_ExactlyAtTheItemCap_IsOk()
    {
        Assert.Equal(JsonRpcParseStatus.Ok, ParseBatch(Items(3), out List<JsonRpcParseResult> items, maxItems: 3));
        Assert.Equal(3, items.Count);
    }

    [Fact]
    public void ParseBatch_OneOverTheItemCap_IsInvalidMessage() =>
        Assert.Equal(JsonRpcParseStatus.InvalidMessage, ParseBatch(Items(4), out _, maxItems: 3));

    [Fact]
    public void ParseBatch_DefaultCapOf1000_IsEnforced()
    {
        Assert.Equal(JsonRpcParseStatus.Ok, ParseBatch(Items(1000), out _));
        Assert.Equal(JsonRpcParseStatus.InvalidMessage, ParseBatch(Items(1001), out _));
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"},""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}, {"jsonrpc":]""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}] []""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}""")]
    [InlineData("")]
    public void ParseBatch_NotAWellFormedArray_IsInvalidJson(string body) =>
        Assert.Equal(JsonRpcParseStatus.InvalidJson, ParseBatch(body, out _));

    [Fact]
    public void ParseBatch_SyntaxErrorAfterValidItems_ReturnsNoItems()
    {
        ParseBatch("""[{"jsonrpc":"2.0","id":1,"method":"ping"}, nope]""", out List<JsonRpcParseResult> items);

        Assert.Empty(items);
    }

    [Fact]
    public void ParseBatch_DepthLimit_AppliesToItems()
    {
        string deep = new string('[', 70) + new string(']', 70);

        Assert.Equal(JsonRpcParseStatus.InvalidJson, ParseBatch("[" + deep + "]", out _));
    }

    [Fact]
    public void ParseBatch_ByteOrderMark_IsSkipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """[{"jsonrpc":"2.0","id":1,"method":"ping"}]"""u8];

        Assert.Equal(JsonRpcParseStatus.Ok, JsonRpcReader.ParseBatch(body, out List<JsonRpcParseResult> items));
        Assert.Single(items);
    }

    private static string Items(int count) =>
        "[" + string.Join(",", Enumerable.Range(1, count).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"ping"}""")) + "]";
}
