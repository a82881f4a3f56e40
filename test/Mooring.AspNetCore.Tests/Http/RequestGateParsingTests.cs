using Microsoft.Extensions.Primitives;

namespace Mooring.AspNetCore.Tests.Http;

/// <summary>The Accept and Content-Type rules of every POST, read in place (no allocation), case by case.</summary>
public sealed class RequestGateParsingTests
{
    [Theory]
    [InlineData("application/json, text/event-stream", true, true)]
    [InlineData("text/event-stream,application/json", true, true)]
    [InlineData("application/json;q=0.9 , text/event-stream; charset=utf-8", true, true)]
    [InlineData("*/*", true, true)]
    [InlineData("application/*, text/*", true, true)]
    [InlineData("APPLICATION/JSON, TEXT/EVENT-STREAM", true, true)]
    [InlineData("application/json", true, false)]
    [InlineData("text/event-stream", false, true)]
    [InlineData("application/jsonx, text/event-streams", false, false)]
    [InlineData("application/json-seq", false, false)]
    [InlineData(",,, ;", false, false)]
    [InlineData("", false, false)]
    public void Accept_values(string accept, bool json, bool sse) =>
        Assert.Equal((json, sse), McpRequestGate.Accepts(new StringValues(accept)));

    [Fact]
    public void Accept_spread_over_several_header_lines_counts_them_all()
    {
        Assert.Equal((true, true), McpRequestGate.Accepts(new StringValues(["application/json", "text/event-stream"])));
        Assert.Equal((false, false), McpRequestGate.Accepts(StringValues.Empty));
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON", true)]
    [InlineData(" application/json ", true)]
    [InlineData("application/json;", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/json;charset=\"UTF-8\"", true)]
    [InlineData("application/json; boundary=x; charset=utf-8", true)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("application/json; boundary=x; charset=utf-16", false)]
    [InlineData("application/json-patch+json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Content_types(string? contentType, bool accepted) =>
        Assert.Equal(accepted, McpRequestGate.IsJsonContentType(contentType));

    [Theory]
    [InlineData("localhost:3001")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1:80")]
    [InlineData("[::1]:3001")]
    [InlineData("[::1]")]
    [InlineData("example.com:")]
    [InlineData("::1")]
    [InlineData("fe80::1:8080")]
    [InlineData("a:b")]
    [InlineData("")]
    public void Host_part_matches_what_HostString_gives(string header) =>
        Assert.Equal(new Microsoft.AspNetCore.Http.HostString(header).Host.Trim('[', ']'), McpRequestGate.HostPart(header).Trim(['[', ']']).ToString());
}
