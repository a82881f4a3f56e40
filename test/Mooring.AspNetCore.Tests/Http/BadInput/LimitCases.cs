using System.Globalization;
using System.Text;
using Mooring.Server;
using static Mooring.AspNetCore.Tests.Http.BadInput.BadInputCase;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// Inputs that push limits: numbers too large for an id, nesting beyond the default depth of 64 (a parse error, and
/// no stack overflow at 10,000), bodies over the configured limit (413, whether announced, chunked or lied about),
/// and batches that are malformed or not allowed.
/// </summary>
internal static class LimitCases
{
    /// <summary>The body limit the corpus server is configured with.</summary>
    public const int BodyLimit = 16 * 1024;

    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    public static IEnumerable<BadInputCase> All()
    {
        foreach ((string name, string id) in HugeIds)
        {
            yield return Reject($"id-{name}", $$"""{"jsonrpc":"2.0","id":{{id}},"method":"ping"}""", McpRejection.InvalidRequest);
        }

        yield return Accepted("cancelled-huge-request-id", """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1e400}}""");

        foreach (int depth in new[] { 65, 66, 100, 1_000, 8_000 })
        {
            yield return Reject(string.Create(CultureInfo.InvariantCulture, $"depth-{depth}-arrays"), NestedArrays(depth), McpRejection.ParseError);
        }

        yield return Reject("depth-65-objects", NestedObjects(65), McpRejection.ParseError);
        yield return Reject("depth-10000-unclosed", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""" + new string('[', 10_000), McpRejection.ParseError);
        yield return Reject("depth-100-in-tool-arguments", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":""" + new string('[', 100) + new string(']', 100) + "}}}", McpRejection.ParseError);
        yield return Reject("depth-100-in-batch", "[" + NestedArrays(100) + "]", McpRejection.ParseError, session: BadInputSession.Legacy);

        yield return Reject("body-one-byte-over-limit", Ping.PadRight(BodyLimit + 1), McpRejection.BodyTooLarge);
        yield return Reject("body-huge-tool-argument", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":""" + "\"" + new string('x', 4 * BodyLimit) + "\"}}}", McpRejection.BodyTooLarge);
        yield return Reject("body-one-mebibyte", new string(' ', 1 << 20) + Ping, McpRejection.BodyTooLarge);
        yield return Reject("body-over-limit-without-session", McpTestClient.InitializeJson().PadRight(BodyLimit * 2), McpRejection.BodyTooLarge, session: BadInputSession.None);
        yield return Reject("body-over-limit-batch", "[" + string.Join(",", Enumerable.Repeat(Ping, 1 + (BodyLimit / Ping.Length))) + "]", McpRejection.BodyTooLarge, session: BadInputSession.Legacy);
        yield return Reject("body-over-limit-chunked", Ping.PadRight(BodyLimit * 2), McpRejection.BodyTooLarge) with { Customize = (r, _) => r.ChunkSize = 4096 };
        yield return Reject("body-over-limit-in-tiny-chunks", Ping.PadRight(BodyLimit + 64), McpRejection.BodyTooLarge) with { Customize = (r, _) => r.ChunkSize = 1000 };
        yield return Reject("content-length-announces-100mb", Encoding.UTF8.GetBytes(Ping), McpRejection.BodyTooLarge) with { Customize = (r, _) => r.ContentLengthOverride = 100_000_000 };
        yield return Reject("content-length-announces-limit-plus-one", Encoding.UTF8.GetBytes(Ping), McpRejection.BodyTooLarge) with { Customize = (r, _) => r.ContentLengthOverride = BodyLimit + 1 };

        yield return Reject("batch-on-2025-11-25-session", $"[{Ping}]", McpRejection.BatchNotSupported);
        yield return Reject("batch-malformed-on-2025-11-25-session", $"[{Ping},", McpRejection.ParseError);
        yield return Reject("batch-without-session", $"[{Ping}]", McpRejection.SessionRequired, session: BadInputSession.None);
        yield return Reject("batch-empty", "[]", McpRejection.InvalidRequest, session: BadInputSession.Legacy);
        yield return Reject("batch-empty-with-whitespace", "[ \n ]", McpRejection.InvalidRequest, session: BadInputSession.Legacy);
        yield return Reject("batch-over-max-size", "[" + string.Join(",", Enumerable.Repeat(Ping, 101)) + "]", McpRejection.InvalidRequest, session: BadInputSession.Legacy);
        yield return Reject("batch-with-initialize", $"[{McpTestClient.InitializeJson(2)}]", McpRejection.InitializeInBatch, session: BadInputSession.Legacy);
        foreach ((string name, string body) in BrokenBatches)
        {
            yield return Reject($"batch-{name}", body, McpRejection.ParseError, session: BadInputSession.Legacy);
        }
    }

    private static (string, string)[] HugeIds =>
    [
        ("long-max-plus-one", "9223372036854775808"),
        ("long-min-minus-one", "-9223372036854775809"),
        ("1e400", "1e400"),
        ("thirty-digits", "123456789012345678901234567890"),
        ("five-thousand-digits", new string('9', 5000)),
        ("negative-zero-fraction", "-0.0"),
    ];

    private static (string, string)[] BrokenBatches =>
    [
        ("open-bracket", "["),
        ("unclosed", $"[{Ping}"),
        ("trailing-comma", $"[{Ping},]"),
        ("leading-comma", $"[,{Ping}]"),
        ("extra-close", $"[{Ping}]]"),
        ("trailing-garbage", $"[{Ping}] x"),
        ("nested-unclosed", $"[[{Ping}]"),
    ];

    // A ping whose params hold arrays nested so that the deepest token sits at 'depth' (the envelope object is 1).
    private static string NestedArrays(int depth) =>
        """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""" + new string('[', depth - 2) + new string(']', depth - 2) + "}}";

    private static string NestedObjects(int depth)
    {
        var builder = new StringBuilder("""{"jsonrpc":"2.0","id":1,"method":"ping","params":""");
        for (int i = 0; i < depth - 1; i++)
        {
            builder.Append("{\"a\":");
        }

        builder.Append('1');
        builder.Append('}', depth - 1);
        return builder.Append('}').ToString();
    }
}
