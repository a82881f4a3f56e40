using System.Buffers.Text;
using System.Text;

namespace Mooring.Extensions.Skills.Tests.Catalog;

public sealed class McpSkillsPagingTests
{
    private static readonly string[] Items = ["skill://a/SKILL.md", "skill://b/SKILL.md", "skill://c/SKILL.md", "skill://d/SKILL.md"];

    [Fact]
    public void TryPage_CursorOfAnItemThatIsGone_ResumesAfterWhereItWouldSort()
    {
        string cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("skill://bb/SKILL.md"));

        Assert.True(McpSkillsPaging.TryPage(Items, s => s, cursor, 10, out List<string> page, out string? next));

        Assert.Equal(["skill://c/SKILL.md", "skill://d/SKILL.md"], page);
        Assert.Null(next);
    }

    [Fact]
    public void TryPage_ExactPages_EndWithoutCursor()
    {
        Assert.True(McpSkillsPaging.TryPage(Items, s => s, null, 2, out List<string> first, out string? next));
        Assert.True(McpSkillsPaging.TryPage(Items, s => s, next, 2, out List<string> second, out string? last));

        Assert.Equal(Items[..2], first);
        Assert.Equal(Items[2..], second);
        Assert.Null(last);
    }

    [Fact]
    public void TryPage_ForgedCursors_AreRefused()
    {
        Assert.False(McpSkillsPaging.TryPage(Items, s => s, "***", 2, out _, out _));
        Assert.False(McpSkillsPaging.TryPage(Items, s => s, Base64Url.EncodeToString([0xC3, 0x28]), 2, out _, out _));
        Assert.False(McpSkillsPaging.TryPage(Items, s => s, new string('A', 4097), 2, out _, out _));
    }
}
