using System.Text;
using Mooring.Extensions.Skills.Tests.Infrastructure;

namespace Mooring.Extensions.Skills.Tests.Providers;

public sealed class InMemorySkillProviderTests
{
    [Fact]
    public async Task Add_ThenRead_ReturnsTheExactBytesOfEveryFile()
    {
        string markdown = TestSkills.Markdown("notes");
        var provider = new InMemorySkillProvider().Add(markdown, new Dictionary<string, string> { ["refs/a.md"] = "A" });

        McpSkillDefinition skill = Assert.Single(provider.LoadSkills());
        ReadOnlyMemory<byte>? manifest = await provider.ReadAsync(skill, skill.Manifest, CancellationToken.None);
        ReadOnlyMemory<byte>? reference = await provider.ReadAsync(skill, skill.Files.Single(f => f.Path == "refs/a.md"), CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetBytes(markdown), manifest!.Value.ToArray());
        Assert.Equal("A"u8.ToArray(), reference!.Value.ToArray());
        Assert.Equal(TestSkills.Digest(Encoding.UTF8.GetBytes(markdown)), skill.Manifest.Digest);
    }

    [Fact]
    public void Add_InvalidFrontmatter_ThrowsWithTheReason()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new InMemorySkillProvider().Add("---\nname: Not-Valid\ndescription: x\n---\n"));

        Assert.Contains("naming rules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var provider = new InMemorySkillProvider().Add(TestSkills.Markdown("twice"));

        Assert.Throws<InvalidOperationException>(() => provider.Add(TestSkills.Markdown("twice")));
    }

    [Theory]
    [InlineData("../escape.md")]
    [InlineData("/absolute.md")]
    [InlineData("SKILL.md")]
    public void Add_FileOutsideTheSkillOrReplacingSkillMd_Throws(string path)
    {
        Assert.Throws<ArgumentException>(() => new InMemorySkillProvider().Add(TestSkills.Markdown("x"), new Dictionary<string, string> { [path] = "content" }));
    }
}
