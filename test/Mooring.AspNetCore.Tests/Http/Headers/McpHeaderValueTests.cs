using Mooring.AspNetCore;

namespace Mooring.AspNetCore.Tests.Http.Headers;

/// <summary>The <c>=?base64?…?=</c> value encoding of <c>Mcp-Name</c> and <c>Mcp-Param-*</c> (streamable-http.mdx §Value Encoding).</summary>
public sealed class McpHeaderValueTests
{
    // The spec's encoding examples, both ways.
    public static TheoryData<string, string> SpecExamples => new()
    {
        { "us-west1", "us-west1" },
        { "Hello, 世界", "=?base64?SGVsbG8sIOS4lueVjA==?=" },
        { " padded ", "=?base64?IHBhZGRlZCA=?=" },
        { "line1\nline2", "=?base64?bGluZTEKbGluZTI=?=" },
        { "=?base64?literal?=", "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=" },
    };

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void TryDecode_SpecExample_GivesTheOriginalValue(string original, string encoded)
    {
        Assert.True(McpHeaderValue.TryDecode(encoded, out string? decoded));
        Assert.Equal(original, decoded);
    }

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void Encode_SpecExample_GivesTheSpecsHeaderValue(string original, string encoded)
    {
        Assert.Equal(encoded, McpHeaderValue.Encode(original));
    }

    [Theory]
    [InlineData("=?base64?SGVsbG8=?=", "Hello")]
    [InlineData("  =?base64?SGVsbG8=?=\t", "Hello")]
    [InlineData("SGVsbG8=", "SGVsbG8=")]
    [InlineData("=?base64?SGVsbG8=", "=?base64?SGVsbG8=")]
    [InlineData("SGVsbG8=?=", "SGVsbG8=?=")]
    [InlineData("=?BASE64?SGVsbG8=?=", "=?BASE64?SGVsbG8=?=")]
    [InlineData("=?base64??=", "")]
    [InlineData("  tool  ", "tool")]
    [InlineData("\ttool", "tool")]
    [InlineData("a b\tc", "a b\tc")]
    [InlineData("", "")]
    [InlineData("file:///projects/myapp/config.json", "file:///projects/myapp/config.json")]
    public void TryDecode_WellFormed_TrimsAndDecodesOnlyTheExactSentinel(string raw, string expected)
    {
        Assert.True(McpHeaderValue.TryDecode(raw, out string? decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("=?base64?SGVsbG8?=")]         // missing padding (suite: bad padding)
    [InlineData("=?base64?SGVs!!!bG8=?=")]     // outside the alphabet (suite: bad characters)
    [InlineData("=?base64?SGVs bG8=?=")]       // embedded space, which Convert.FromBase64String would skip
    [InlineData("=?base64?SGVs\tbG8=?=")]      // embedded tab
    [InlineData("=?base64?SG=sbG8=?=")]        // padding in the middle
    [InlineData("=?base64?SGVsbG8===?=")]      // too much padding
    [InlineData("=?base64?SGVsbG9=?=")]        // non-zero padding bits: not the canonical encoding
    [InlineData("=?base64?SGVsbA-_?=")]        // base64url alphabet
    [InlineData("=?base64?//4=?=")]            // bytes FF FE: not UTF-8
    [InlineData("=?base64?7aCA?=")]            // ED A0 80: a UTF-8-encoded surrogate, invalid
    [InlineData("=?base64?=")]                 // the markers overlap
    [InlineData("Hello, 世界")]                // non-ASCII must be encoded
    [InlineData("a\u0001b")]                   // control character
    [InlineData("a\u007fb")]                   // DEL
    [InlineData("caf\u00e9")]                  // obs-text
    public void TryDecode_Malformed_IsRefused(string raw)
    {
        Assert.False(McpHeaderValue.TryDecode(raw, out string? decoded));
        Assert.Null(decoded);
    }

    [Fact]
    public void TryDecode_Null_IsRefused()
    {
        Assert.False(McpHeaderValue.TryDecode(null, out _));
    }

    [Fact]
    public void TryDecode_PlainUntrimmedValue_ReturnsTheSameString()
    {
        const string Raw = "us-west1";

        Assert.True(McpHeaderValue.TryDecode(Raw, out string? decoded));
        Assert.Same(Raw, decoded);
    }

    [Fact]
    public void TryDecode_LongEncodedValue_DecodesThroughARentedBuffer()
    {
        string original = string.Concat(Enumerable.Repeat("Grüße, 世界! ", 100));

        Assert.True(McpHeaderValue.TryDecode(McpHeaderValue.Encode(original), out string? decoded));
        Assert.Equal(original, decoded);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("a b", "a b")]
    [InlineData("\tTab", "=?base64?CVRhYg==?=")]
    [InlineData("trailing ", "=?base64?dHJhaWxpbmcg?=")]
    [InlineData("=?base64?=", "=?base64?PT9iYXNlNjQ/PQ==?=")]
    public void Encode_Value_IsPlainOnlyWhenSafe(string value, string expected)
    {
        Assert.Equal(expected, McpHeaderValue.Encode(value));
        Assert.True(McpHeaderValue.TryDecode(expected, out string? decoded));
        Assert.Equal(value, decoded);
    }
}
