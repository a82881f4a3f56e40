using System.Globalization;
using System.Text;
using Mooring.Server;
using static Mooring.AspNetCore.Tests.Http.BadInput.BadInputCase;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// Bodies that are not JSON: truncations, trailing garbage, byte-order marks, invalid UTF-8, NaN and Infinity,
/// comments, single quotes, control characters and other syntax errors. Each is a parse error (-32700, 400, id null):
/// nothing in a body that does not parse can be trusted, not even its id.
/// </summary>
internal static class BrokenJsonCases
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";
    private const string Call = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}""";

    public static IEnumerable<BadInputCase> All()
    {
        // Every fourth prefix of a valid call: each is cut inside a different token or between two.
        for (int length = 1; length < Call.Length; length += 4)
        {
            yield return Parse(string.Create(CultureInfo.InvariantCulture, $"truncated-at-{length:D3}"), Call[..length]);
        }

        yield return Parse("truncated-inside-multibyte-char", [.. Encoding.UTF8.GetBytes(Call[..^5] + "\u20AC")[..^1]]);

        foreach ((string name, string tail) in TrailingGarbage)
        {
            yield return Parse($"trailing-{name}", Ping + tail);
        }

        foreach ((string name, byte[] body) in ByteOrderMarks())
        {
            yield return Parse($"bom-{name}", body);
        }

        foreach ((string name, byte[] body) in InvalidUtf8())
        {
            yield return Parse($"utf8-{name}", body);
        }

        foreach ((string name, string json) in Literals)
        {
            yield return Parse(name, json);
        }

        foreach ((string name, byte[] body) in ControlCharacters())
        {
            yield return Parse($"control-{name}", body);
        }

        yield return Reject("empty-body", string.Empty, McpRejection.EmptyBody);
        yield return Reject("whitespace-body", " \r\n\t ", McpRejection.EmptyBody);
    }

    private static (string, string)[] TrailingGarbage =>
    [
        ("letter", "x"),
        ("brace", "}"),
        ("bracket", "]"),
        ("second-message", Ping),
        ("comma", ","),
        ("null-literal", " null"),
        ("array", "[]"),
        ("string", "\"tail\""),
        ("number", " 1"),
        ("half-object", "{\"a\":"),
    ];

    private static (string, string)[] Literals =>
    [
        ("nan-id", """{"jsonrpc":"2.0","id":NaN,"method":"ping"}"""),
        ("infinity-id", """{"jsonrpc":"2.0","id":Infinity,"method":"ping"}"""),
        ("negative-infinity-id", """{"jsonrpc":"2.0","id":-Infinity,"method":"ping"}"""),
        ("nan-in-params", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":NaN}}"""),
        ("nan-in-arguments", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":NaN,"b":1}}}"""),
        ("plus-sign-number", """{"jsonrpc":"2.0","id":+1,"method":"ping"}"""),
        ("leading-zero-number", """{"jsonrpc":"2.0","id":01,"method":"ping"}"""),
        ("trailing-dot-number", """{"jsonrpc":"2.0","id":1.,"method":"ping"}"""),
        ("leading-dot-number", """{"jsonrpc":"2.0","id":.5,"method":"ping"}"""),
        ("hex-number", """{"jsonrpc":"2.0","id":0x10,"method":"ping"}"""),
        ("incomplete-exponent", """{"jsonrpc":"2.0","id":1e,"method":"ping"}"""),
        ("lone-minus", """{"jsonrpc":"2.0","id":-,"method":"ping"}"""),
        ("block-comment-before", "/* hi */" + Ping),
        ("line-comment-before", "// hi\n" + Ping),
        ("comment-between-members", """{"jsonrpc":"2.0",/* hi */"id":1,"method":"ping"}"""),
        ("comment-after-value", """{"jsonrpc":"2.0","id":1 // hi""" + "\n" + ""","method":"ping"}"""),
        ("hash-comment", "# hi\n" + Ping),
        ("comment-in-params", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{/* hi */}}"""),
        ("single-quotes", "{'jsonrpc':'2.0','id':1,'method':'ping'}"),
        ("single-quoted-value", """{"jsonrpc":'2.0',"id":1,"method":"ping"}"""),
        ("single-quoted-name", """{"jsonrpc":"2.0",'id':1,"method":"ping"}"""),
        ("backtick-quotes", "{`jsonrpc`:`2.0`,`id`:1,`method`:`ping`}"),
        ("unquoted-names", """{jsonrpc:"2.0",id:1,method:"ping"}"""),
        ("trailing-comma-object", """{"jsonrpc":"2.0","id":1,"method":"ping",}"""),
        ("trailing-comma-params", """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":null,}}"""),
        ("trailing-comma-array", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":[1,2,]}}"""),
        ("missing-colon", """{"jsonrpc" "2.0","id":1,"method":"ping"}"""),
        ("double-colon", """{"jsonrpc"::"2.0","id":1,"method":"ping"}"""),
        ("missing-comma", """{"jsonrpc":"2.0" "id":1,"method":"ping"}"""),
        ("unterminated-string", """{"jsonrpc":"2.0","id":1,"method":"ping}"""),
        ("bad-escape", """{"jsonrpc":"2.0","id":1,"method":"p\x69ng"}"""),
        ("bad-unicode-escape", """{"jsonrpc":"2.0","id":1,"method":"p\u00G9ng"}"""),
        ("uppercase-unicode-escape", """{"jsonrpc":"2.0","id":1,"method":"p\U0069ng"}"""),
        ("lone-surrogate-escape-in-method", """{"jsonrpc":"2.0","id":1,"method":"ping\uD800"}"""),
        ("object-as-name", """{{}:1,"jsonrpc":"2.0","id":1,"method":"ping"}"""),
        ("lone-close-brace", "}"),
        ("lone-quote", "\""),
        ("lone-colon", ":"),
        ("misspelled-true", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":tru}}"""),
        ("misspelled-null", """{"jsonrpc":"2.0","id":nul,"method":"ping"}"""),
        ("python-literals", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":None,"y":True}}"""),
        ("undefined-literal", """{"jsonrpc":"2.0","id":undefined,"method":"ping"}"""),
        ("two-numbers", "1 2"),
        ("closing-mismatch", """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":[1}]}"""),
    ];

    private static IEnumerable<(string, byte[])> ByteOrderMarks()
    {
        byte[] ping = Encoding.UTF8.GetBytes(Ping);
        yield return ("utf8-twice", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. ping]);
        yield return ("utf8-partial", [0xEF, 0xBB, .. ping]);
        yield return ("utf8-between-tokens", [.. "{"u8, 0xEF, 0xBB, 0xBF, .. ping[1..]]);
        yield return ("utf16le", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Ping)]);
        yield return ("utf16be", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Ping)]);
        yield return ("utf16le-without-bom", Encoding.Unicode.GetBytes(Ping));
        yield return ("utf32le", [0xFF, 0xFE, 0x00, 0x00, .. new UTF32Encoding(bigEndian: false, byteOrderMark: false).GetBytes(Ping)]);
    }

    private static IEnumerable<(string, byte[])> InvalidUtf8()
    {
        byte[] Method(params byte[] bad) => [.. """{"jsonrpc":"2.0","id":1,"method":"pi"""u8, .. bad, .. "ng\"}"u8];
        yield return ("ff-in-method", Method(0xFF));
        yield return ("overlong-nul-in-method", Method(0xC0, 0x80));
        yield return ("overlong-slash-in-method", Method(0xE0, 0x80, 0xAF));
        yield return ("encoded-surrogate-in-method", Method(0xED, 0xA0, 0x80));
        yield return ("lone-continuation-in-method", Method(0x80));
        yield return ("five-byte-sequence-in-method", Method(0xF8, 0x88, 0x80, 0x80, 0x80));
        yield return ("beyond-u10ffff-in-method", Method(0xF4, 0x90, 0x80, 0x80));
        yield return ("truncated-sequence-in-method", Method(0xE2, 0x82));
        yield return ("ff-in-id", [.. """{"jsonrpc":"2.0","id":"a"""u8, 0xFF, .. "\",\"method\":\"ping\"}"u8]);
        yield return ("ff-in-version", [.. """{"jsonrpc":"2.0"""u8, 0xFF, .. "\",\"id\":1,\"method\":\"ping\"}"u8]);
        yield return ("ff-between-tokens", [.. """{"jsonrpc":"2.0","id":1,"""u8, 0xFF, .. "\"method\":\"ping\"}"u8]);
        yield return ("ff-in-unknown-member-value", [.. """{"jsonrpc":"2.0","id":1,"method":"ping","x":"a"""u8, 0xFF, .. "\"}"u8]);
        yield return ("ff-in-unknown-member-name", [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\""u8, 0xFF, .. "\":1}"u8]);
        yield return ("ff-in-tool-argument", [.. """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"""u8, 0xFF, .. "\"}}}"u8]);
        yield return ("ff-in-params-member-name", [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\""u8, 0xFF, .. "\":1}}"u8]);
        yield return ("latin1-in-prompt-argument", [.. """{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"greet","arguments":{"name":"Jos"""u8, 0xE9, .. "\"}}}"u8]);
    }

    private static IEnumerable<(string, byte[])> ControlCharacters()
    {
        byte[] InMethod(byte control) => [.. """{"jsonrpc":"2.0","id":1,"method":"pi"""u8, control, .. "ng\"}"u8];
        yield return ("raw-tab-in-string", InMethod(0x09));
        yield return ("raw-newline-in-string", InMethod(0x0A));
        yield return ("raw-carriage-return-in-string", InMethod(0x0D));
        yield return ("raw-nul-in-string", InMethod(0x00));
        yield return ("raw-unit-separator-in-string", InMethod(0x1F));
        yield return ("raw-nul-between-tokens", [.. """{"jsonrpc":"2.0","id":1,"""u8, 0x00, .. "\"method\":\"ping\"}"u8]);
        yield return ("raw-form-feed-between-tokens", [.. """{"jsonrpc":"2.0","id":1,"""u8, 0x0C, .. "\"method\":\"ping\"}"u8]);
        yield return ("raw-vertical-tab-before-body", [0x0B, .. Encoding.UTF8.GetBytes(Ping)]);
        yield return ("raw-control-in-tool-argument", [.. """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a"""u8, 0x01, .. "\"}}}"u8]);
    }

    private static BadInputCase Parse(string name, string json) => Reject(name, json, McpRejection.ParseError);

    private static BadInputCase Parse(string name, byte[] body) => Reject(name, body, McpRejection.ParseError);
}
