using Mooring.Protocol;

namespace Mooring.Server.Tests.Primitives;

public sealed class McpCompletionsTests
{
    [Fact]
    public void Filter_Prefix_KeepsCaseInsensitiveMatchesInOrder()
    {
        Completion completion = McpCompletions.Filter(["Python", "perl", "rust", "PHP"], "p");

        Assert.Equal(["Python", "perl", "PHP"], completion.Values);
        Assert.Equal(3, completion.Total);
        Assert.False(completion.HasMore);
    }

    [Fact]
    public void Filter_Exactly100Matches_HasNoMore()
    {
        Completion completion = McpCompletions.Filter(Enumerable.Range(0, 100).Select(i => $"x{i}"), "x");

        Assert.Equal(100, completion.Values.Count);
        Assert.Equal(100, completion.Total);
        Assert.False(completion.HasMore);
    }

    [Fact]
    public void Filter_101Matches_KeepsTheFirst100AndSaysMoreExist()
    {
        Completion completion = McpCompletions.Filter(Enumerable.Range(0, 101).Select(i => $"x{i:D3}"), "x");

        Assert.Equal(McpCompletions.MaxValues, completion.Values.Count);
        Assert.Equal("x099", completion.Values[^1]);
        Assert.Equal(101, completion.Total);
        Assert.True(completion.HasMore);
    }

    [Fact]
    public void Filter_NoMatches_IsEmptyWithTotalZero()
    {
        Completion completion = McpCompletions.Filter(["a"], "zzz");

        Assert.Empty(completion.Values);
        Assert.Equal(0, completion.Total);
        Assert.False(completion.HasMore);
    }

    [Fact]
    public void Filter_NullPrefix_MatchesEverything() =>
        Assert.Equal(2, McpCompletions.Filter(["a", "b"], null!).Values.Count);
}
