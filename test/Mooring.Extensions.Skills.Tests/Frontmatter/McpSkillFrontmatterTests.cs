using System.Text.Json.Nodes;

namespace Mooring.Extensions.Skills.Tests.Frontmatter;

public sealed class McpSkillFrontmatterTests
{
    [Fact]
    public void TryParse_MinimalFrontmatter_ReturnsNameAndDescription()
    {
        Assert.True(McpSkillFrontmatter.TryParse("---\nname: pdf\ndescription: Reads PDFs.\n---\n# Body\n", out JsonObject? frontmatter, out string? error), error);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"pdf","description":"Reads PDFs."}"""), frontmatter));
    }

    [Fact]
    public void TryParse_EverySupportedForm_ReadsAsYamlWould()
    {
        const string markdown = """
            ---
            # a comment line
            name: git-workflow
            description: 'Follow the team''s Git conventions: branches, commits.'
            license: "Apache-2.0"   # trailing comment
            compatibility: Needs git 2.40 or later
            allowed-tools: Bash(git:*) Read
            x-custom: C# and F# (no comment without a space)
            metadata:
              author: acme
              version: "1.0"
              quoted: "tab\there \"q\" \u00e9 \\ /"

            ---
            Body
            """;

        Assert.True(McpSkillFrontmatter.TryParse(markdown, out JsonObject? frontmatter, out string? error), error);

        JsonNode expected = JsonNode.Parse("""
            {
              "name": "git-workflow",
              "description": "Follow the team's Git conventions: branches, commits.",
              "license": "Apache-2.0",
              "compatibility": "Needs git 2.40 or later",
              "allowed-tools": "Bash(git:*) Read",
              "x-custom": "C# and F# (no comment without a space)",
              "metadata": { "author": "acme", "version": "1.0", "quoted": "tab\there \"q\" é \\ /" }
            }
            """)!;
        Assert.True(JsonNode.DeepEquals(expected, frontmatter), frontmatter!.ToJsonString());
    }

    [Fact]
    public void TryParse_CrLfBomAndClosingWithTrailingSpaces_AreAccepted()
    {
        Assert.True(McpSkillFrontmatter.TryParse("\uFEFF---\r\nname: a\r\ndescription: b\r\n--- \t\r\nbody", out JsonObject? frontmatter, out string? error), error);

        Assert.Equal("a", (string?)frontmatter["name"]);
        Assert.Equal("b", (string?)frontmatter["description"]);
    }

    [Fact]
    public void TryParse_ClosingLineAtEndOfFile_IsAccepted()
    {
        Assert.True(McpSkillFrontmatter.TryParse("---\nname: a\ndescription: b\n---", out _, out string? error), error);
    }

    [Theory]
    [InlineData("name: a\ndescription: b\n", "must begin with a '---' line")]
    [InlineData("--- \nname: a\ndescription: b\n---\n", "must begin with a '---' line")]
    [InlineData("---\nname: a\ndescription: b\n", "no closing '---' line")]
    [InlineData("---\nname: a\ndescription: b\n----\n", "no closing '---' line")]
    public void TryParse_WithoutDelimiters_IsRefused(string markdown, string expected)
    {
        Assert.False(McpSkillFrontmatter.TryParse(markdown, out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: a\ndescription: b\ntags:\n  - x\n", "sequences are not supported")]
    [InlineData("name: a\ndescription: b\ntags: [x, y]\n", "starting with '['")]
    [InlineData("name: a\ndescription: {x: y}\n", "starting with '{'")]
    [InlineData("name: a\ndescription: |\n  text\n", "starting with '|'")]
    [InlineData("name: a\ndescription: >\n  text\n", "starting with '>'")]
    [InlineData("name: a\ndescription: first line\n  continued\n", "unexpected indentation")]
    [InlineData("name: a\ndescription: \"open\n  close\"\n", "unterminated double-quoted")]
    [InlineData("name: a\ndescription: 'open\n", "unterminated single-quoted")]
    [InlineData("name: a\ndescription: &anchor b\n", "starting with '&'")]
    [InlineData("name: a\ndescription: !!str b\n", "starting with '!'")]
    [InlineData("name: a\nname: b\ndescription: c\n", "duplicate key 'name'")]
    [InlineData("name: a\ndescription: b\nmetadata:\n\tauthor: x\n", "tabs are not allowed")]
    [InlineData("name: a\ndescription: b\nmetadata:\n  author:\n    deep: x\n", "only one level of nesting")]
    [InlineData("name: a\ndescription: b\nmetadata:\n  a: x\n    b: y\n", "evenly indented")]
    [InlineData("name: a\ndescription: b\nlicense:\n", "'license' has no value")]
    [InlineData("name: a\ndescription: Use it: always\n", "cannot contain ': '")]
    [InlineData("name: a\ndescription: b\n\"quoted key\": c\n", "not a supported key")]
    [InlineData("name: a\ndescription: b\njust text\n", "expected 'key: value'")]
    [InlineData("name: a\ndescription: \"bad \\q escape\"\n", "escape '\\q' is not supported")]
    [InlineData("name: a\ndescription: \"done\" extra\n", "unexpected text after a quoted value")]
    public void TryParse_YamlOutsideTheSubset_IsRefusedWithItsLine(string yaml, string expected)
    {
        Assert.False(McpSkillFrontmatter.TryParse($"---\n{yaml}---\n", out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("frontmatter line ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("42")]
    [InlineData("-7")]
    [InlineData("1_000")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("1.0")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    [InlineData("2025-01-31")]
    [InlineData("2025-01-31T10:00:00Z")]
    public void TryParse_PlainValueYamlWouldNotReadAsString_IsRefused(string value)
    {
        Assert.False(McpSkillFrontmatter.TryParse($"---\nname: a\ndescription: b\nmetadata:\n  version: {value}\n---\n", out _, out string? error));
        Assert.Contains("quote it", error, StringComparison.Ordinal);

        // Quoted, it is a string, as YAML reads it too.
        Assert.True(McpSkillFrontmatter.TryParse($"---\nname: a\ndescription: b\nmetadata:\n  version: \"{value}\"\n---\n", out JsonObject? frontmatter, out string? quotedError), quotedError);
        Assert.Equal(value, (string?)frontmatter["metadata"]!["version"]);
    }

    [Theory]
    [InlineData("3 steps to success")]
    [InlineData("v1.0")]
    [InlineData("1.0.3")]
    [InlineData("yes")]
    [InlineData("a:b")]
    public void TryParse_PlainValueThatIsAStringInYaml_IsAccepted(string value)
    {
        Assert.True(McpSkillFrontmatter.TryParse($"---\nname: a\ndescription: {value}\n---\n", out JsonObject? frontmatter, out string? error), error);
        Assert.Equal(value, (string?)frontmatter["description"]);
    }

    [Theory]
    [InlineData("description: b\n", "no string 'name'")]
    [InlineData("name: a\n", "no non-empty string 'description'")]
    [InlineData("name: a\ndescription: ''\n", "no non-empty string 'description'")]
    [InlineData("name:\n  x: y\ndescription: b\n", "no string 'name'")]
    [InlineData("name: a\ndescription: b\nmetadata: flat\n", "metadata must be a map of strings")]
    [InlineData("name: a\ndescription: b\ncompatibility: ''\n", "compatibility must be a string")]
    [InlineData("name: a\ndescription: b\nlicense:\n  x: y\n", "license must be a string")]
    public void TryParse_MissingOrMistypedFields_AreRefused(string yaml, string expected)
    {
        Assert.False(McpSkillFrontmatter.TryParse($"---\n{yaml}---\n", out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LongDescription_IsRefusedPast1024Characters()
    {
        Assert.True(McpSkillFrontmatter.TryParse($"---\nname: a\ndescription: {new string('x', 1024)}\n---\n", out _, out _));
        Assert.False(McpSkillFrontmatter.TryParse($"---\nname: a\ndescription: {new string('x', 1025)}\n---\n", out _, out string? error));
        Assert.Contains("longer than 1024", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ReservedMetadataPrefix_IsRefused()
    {
        Assert.False(McpSkillFrontmatter.TryParse("---\nname: a\ndescription: b\nmetadata:\n  io.modelcontextprotocol/trust: high\n---\n", out _, out string? error));
        Assert.Contains("reserved for MCP extensions", error, StringComparison.Ordinal);

        // The prefix of this extension's _meta keys is a different one and is not reserved in metadata.
        Assert.True(McpSkillFrontmatter.TryParse("---\nname: a\ndescription: b\nmetadata:\n  io.modelcontextprotocol.skills/x: y\n  acme.com/team: z\n---\n", out _, out string? other), other);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("pdf-processing", true)]
    [InlineData("a1-b2-c3", true)]
    [InlineData("Hello", false)]
    [InlineData("-start", false)]
    [InlineData("end-", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("under_score", false)]
    [InlineData("dot.name", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidName_FollowsTheAgentSkillsRules(string? name, bool valid)
    {
        Assert.Equal(valid, McpSkillFrontmatter.IsValidName(name));
    }

    [Fact]
    public void IsValidName_AcceptsSixtyFourCharactersAndNoMore()
    {
        Assert.True(McpSkillFrontmatter.IsValidName(new string('a', 64)));
        Assert.False(McpSkillFrontmatter.IsValidName(new string('a', 65)));
    }

    [Fact]
    public void TryParse_InvalidName_IsRefused()
    {
        Assert.False(McpSkillFrontmatter.TryParse("---\nname: Bad--Name\ndescription: b\n---\n", out _, out string? error));
        Assert.Contains("naming rules", error, StringComparison.Ordinal);
    }
}
