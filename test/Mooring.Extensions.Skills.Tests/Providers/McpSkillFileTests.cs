using System.Text;
using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills.Tests.Providers;

public sealed class McpSkillFileTests
{
    [Fact]
    public void FromContent_EmptyFile_HasTheSha256OfNoBytes()
    {
        McpSkillFile file = McpSkillFile.FromContent("empty.txt", []);

        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", file.Digest);
        Assert.Equal(0, file.Size);
        Assert.Equal("text/plain", file.MimeType);
    }

    [Fact]
    public void FromContent_DigestCoversTheExactBytes()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("abc")];

        McpSkillFile plain = McpSkillFile.FromContent("a.md", Encoding.UTF8.GetBytes("abc"));
        McpSkillFile bom = McpSkillFile.FromContent("a.md", withBom);

        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", plain.Digest);
        Assert.NotEqual(plain.Digest, bom.Digest);
        Assert.Equal(6, bom.Size);
        Assert.Matches("^sha256:[0-9a-f]{64}$", bom.Digest);
    }

    [Theory]
    [InlineData("SKILL.md", "text/markdown")]
    [InlineData("scripts/run.py", "text/x-python")]
    [InlineData("data/table.JSON", "application/json")]
    [InlineData("images/logo.png", "image/png")]
    [InlineData("blob.bin", "application/octet-stream")]
    [InlineData("no-extension", "application/octet-stream")]
    public void FromContent_MimeType_ComesFromTheExtension(string path, string mimeType)
    {
        Assert.Equal(mimeType, McpSkillFile.FromContent(path, [1]).MimeType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../secret")]
    [InlineData("a/../../b")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("a\\b")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("new\nline")]
    public void Constructor_PathThatIsNotAPlainRelativePath_Throws(string path)
    {
        Assert.Throws<ArgumentException>(() => McpSkillFile.FromContent(path, [1]));
    }

    [Theory]
    [InlineData("sha256:ABC")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8")]
    public void Constructor_MalformedDigest_Throws(string digest)
    {
        Assert.Throws<ArgumentException>(() => new McpSkillFile("a.md", 1, digest, "text/markdown"));
    }

    [Fact]
    public void Definition_WithoutSkillMd_Throws()
    {
        var frontmatter = new JsonObject { ["name"] = "a", ["description"] = "b" };

        ArgumentException error = Assert.Throws<ArgumentException>(() => new McpSkillDefinition(frontmatter, [McpSkillFile.FromContent("other.md", [1])]));
        Assert.Contains("SKILL.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_DuplicatePath_Throws()
    {
        var frontmatter = new JsonObject { ["name"] = "a", ["description"] = "b" };
        McpSkillFile manifest = McpSkillFile.FromContent("SKILL.md", [1]);

        Assert.Throws<ArgumentException>(() => new McpSkillDefinition(frontmatter, [manifest, McpSkillFile.FromContent("x.md", [1]), McpSkillFile.FromContent("x.md", [2])]));
    }

    [Fact]
    public void Definition_ReservedMetadataKey_Throws()
    {
        var frontmatter = new JsonObject { ["name"] = "a", ["description"] = "b", ["metadata"] = new JsonObject { ["io.modelcontextprotocol/x"] = "y" } };

        Assert.Throws<ArgumentException>(() => new McpSkillDefinition(frontmatter, [McpSkillFile.FromContent("SKILL.md", [1])]));
    }

    [Fact]
    public void Definition_FrontmatterIsCopied_AndFilesSortedByPath()
    {
        var frontmatter = new JsonObject { ["name"] = "a", ["description"] = "b" };
        var definition = new McpSkillDefinition(frontmatter, [McpSkillFile.FromContent("z.md", [1]), McpSkillFile.FromContent("SKILL.md", [1]), McpSkillFile.FromContent("b/c.md", [1])]);
        frontmatter["name"] = "changed";

        Assert.Equal("a", definition.Name);
        Assert.Equal("a", (string?)definition.Frontmatter["name"]);
        Assert.Equal(["SKILL.md", "b/c.md", "z.md"], definition.Files.Select(f => f.Path));
        Assert.Equal("SKILL.md", definition.Manifest.Path);
    }
}
