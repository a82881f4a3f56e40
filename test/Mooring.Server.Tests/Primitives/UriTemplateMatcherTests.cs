namespace Mooring.Server.Tests.Primitives;

public sealed class UriTemplateMatcherTests
{
    [Fact]
    public void TryMatch_SimpleVariable_MatchesOneSegment()
    {
        var matcher = new UriTemplateMatcher("users://{id}/profile");

        Assert.True(matcher.TryMatch("users://42/profile", out Dictionary<string, string> variables));
        Assert.Equal("42", variables["id"]);
        Assert.False(matcher.TryMatch("users://4/2/profile", out _));
        Assert.False(matcher.TryMatch("users:///profile", out _));
        Assert.False(matcher.TryMatch("users://42/profile/extra", out _));
        Assert.False(matcher.TryMatch("xusers://42/profile", out _));
    }

    [Theory]
    [InlineData("q://{v}", "q://a?b")]
    [InlineData("q://{v}", "q://a#b")]
    public void TryMatch_SimpleVariable_StopsAtQueryAndFragment(string template, string uri) =>
        Assert.False(new UriTemplateMatcher(template).TryMatch(uri, out _));

    [Fact]
    public void TryMatch_ReservedVariable_MatchesSlashes()
    {
        var matcher = new UriTemplateMatcher("repo://{owner}/{+path}");

        Assert.True(matcher.TryMatch("repo://octo/src/a/b.cs", out Dictionary<string, string> variables));
        Assert.Equal("octo", variables["owner"]);
        Assert.Equal("src/a/b.cs", variables["path"]);
    }

    [Fact]
    public void TryMatch_EscapedValue_IsUnescaped()
    {
        var matcher = new UriTemplateMatcher("files://{name}");

        Assert.True(matcher.TryMatch("files://hello%20world%2Fx", out Dictionary<string, string> variables));
        Assert.Equal("hello world/x", variables["name"]);
    }

    [Fact]
    public void TryMatch_LiteralRegexCharacters_AreLiteral()
    {
        var matcher = new UriTemplateMatcher("a+b://x.y/{v}");

        Assert.True(matcher.TryMatch("a+b://x.y/1", out _));
        Assert.False(matcher.TryMatch("aab://xzy/1", out _));
    }

    [Fact]
    public void VariableNames_AreInTemplateOrder()
    {
        var matcher = new UriTemplateMatcher("x://{b}/{a}/{+c}");

        Assert.Equal(["b", "a", "c"], matcher.VariableNames);
    }

    [Theory]
    [InlineData("x://{open")]
    [InlineData("x://{}")]
    [InlineData("x://{+}")]
    [InlineData("x://{a,b}")]
    [InlineData("x://{?q}")]
    [InlineData("x://{a-b}")]
    public void Constructor_UnsupportedExpression_Throws(string template) =>
        Assert.Throws<ArgumentException>(() => new UriTemplateMatcher(template));
}
