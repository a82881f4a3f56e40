using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mooring.Protocol.Tests.JsonRpc;

/// <summary>
/// The hand-written <see cref="CallToolResult"/> writer must produce exactly what the source-generated metadata
/// writes through the same writer, for every shape a result can take.
/// </summary>
public sealed class CallToolResultWriterTests
{
    public static TheoryData<string> Shapes => [.. ShapesByName.Keys];

    private static Dictionary<string, Func<CallToolResult>> ShapesByName { get; } = new()
    {
        ["empty"] = () => new CallToolResult(),
        ["null content"] = () => new CallToolResult { Content = null! },
        ["one text"] = () => new CallToolResult { Content = [new TextContent { Text = "hello" }] },
        ["escaped text"] = () => new CallToolResult { Content = [new TextContent { Text = "a<&'\"é\n\u0001\u2028😀" }] },
        ["annotated text"] = () => new CallToolResult { Content = [new TextContent { Text = "x", Annotations = new Annotations { Priority = 1 }, Meta = new JsonObject { ["k"] = 1 } }] },
        ["mixed blocks"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "one" }, new ImageContent { Data = "AAAA", MimeType = "image/png" }, new TextContent { Text = "two" }],
        },
        ["structured error"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "{\"a\":1}" }],
            StructuredContent = JsonDocument.Parse("""{"a":1,"b":[true,null,"s"]}""").RootElement,
            IsError = true,
        },
        ["modern envelope"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "hello" }],
            IsError = false,
            Meta = new ResultMeta { ServerInfo = new Implementation { Name = "server", Version = "1.0.0" } },
            ResultType = McpResultTypes.Complete,
            TtlMs = 5_000,
            CacheScope = McpCacheScopes.Private,
        },
        ["server info with every member"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "hello" }],
            Meta = new ResultMeta
            {
                ServerInfo = new Implementation { Name = "sérver \"x\"", Version = "1.0.0-beta+<build>", Title = "T", Description = "D\n", WebsiteUrl = "https://example.com/a?b=c&d" },
            },
            ResultType = McpResultTypes.Complete,
        },
        ["server info with icons"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "hello" }],
            Meta = new ResultMeta { ServerInfo = new Implementation { Name = "s", Version = "1", Icons = [new Icon { Src = "https://example.com/i.png" }] } },
        },
        ["meta with a subscription and extra keys"] = () => new CallToolResult
        {
            Content = [new TextContent { Text = "hello" }],
            Meta = new ResultMeta
            {
                ServerInfo = new Implementation { Name = "s", Version = "1" },
                SubscriptionId = new RequestId(3),
                Extra = new() { ["k"] = JsonDocument.Parse("[1]").RootElement },
            },
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WriteResult_AnyShape_MatchesTheSerializer(string shape)
    {
        CallToolResult result = ShapesByName[shape]();
        var expected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteNumber("id"u8, 7);
            writer.WritePropertyName("result"u8);
            JsonSerializer.Serialize(writer, result, McpJsonContext.Default.CallToolResult);
            writer.WriteEndObject();
        }

        var actual = new ArrayBufferWriter<byte>();
        JsonRpcWriter.WriteResult(actual, new RequestId(7), result, McpJsonContext.Default.CallToolResult);

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan));
    }
}
