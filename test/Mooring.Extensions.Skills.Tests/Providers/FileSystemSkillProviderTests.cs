using System.Text;
using Microsoft.Extensions.Logging;
using Mooring.Extensions.Skills.Tests.Infrastructure;

namespace Mooring.Extensions.Skills.Tests.Providers;

public sealed class FileSystemSkillProviderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FailOnErrorLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public FileSystemSkillProviderTests()
    {
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
    }

    private string Root => Path.Combine(_temp.Path, "skills");

    [Fact]
    public async Task LoadSkills_SkillFolders_DescribeEveryFileWithItsDigestAndSize()
    {
        string alpha = TestSkills.Markdown("alpha");
        _temp.Write("skills/alpha/SKILL.md", alpha);
        _temp.Write("skills/alpha/templates/invoice.md", "# Invoice\n");
        _temp.Write("skills/alpha/bin/data.bin", [0, 1, 2, 255]);
        _temp.Write("skills/beta/SKILL.md", TestSkills.Markdown("beta"));
        _temp.Write("skills/not-a-skill/README.md", "no SKILL.md here");
        _temp.Write("skills/loose-file.md", "not in a folder");

        FileSystemSkillProvider provider = Provider();
        IReadOnlyList<McpSkillDefinition> skills = provider.LoadSkills();

        Assert.Equal(["alpha", "beta"], skills.Select(s => s.Name));
        McpSkillDefinition skill = skills[0];
        Assert.Equal(["SKILL.md", "bin/data.bin", "templates/invoice.md"], skill.Files.Select(f => f.Path));
        Assert.Equal(TestSkills.Digest(Encoding.UTF8.GetBytes(alpha)), skill.Manifest.Digest);
        Assert.Equal(Encoding.UTF8.GetByteCount(alpha), skill.Manifest.Size);
        McpSkillFile data = skill.Files[1];
        Assert.Equal(TestSkills.Digest([0, 1, 2, 255]), data.Digest);
        Assert.Equal(4, data.Size);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, (await provider.ReadAsync(skill, data, CancellationToken.None))!.Value.ToArray());
    }

    [Fact]
    public async Task LoadSkills_HiddenEntriesAndSymbolicLinks_AreNeitherListedNorReadable()
    {
        string secret = _temp.Write("outside/secret.txt", "top secret");
        _temp.Write("skills/alpha/SKILL.md", TestSkills.Markdown("alpha"));
        _temp.Write("skills/alpha/.env", "TOKEN=1");
        _temp.Write("skills/alpha/.git/config", "[core]");
        _temp.Write("skills/.hidden/SKILL.md", TestSkills.Markdown("hidden"));
        File.CreateSymbolicLink(Path.Combine(Root, "alpha", "link.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(Root, "alpha", "linked-dir"), Path.GetDirectoryName(secret)!);
        Directory.CreateSymbolicLink(Path.Combine(Root, "linked-skill"), Path.Combine(Root, "alpha"));

        FileSystemSkillProvider provider = Provider();
        McpSkillDefinition skill = Assert.Single(provider.LoadSkills());

        Assert.Equal(["SKILL.md"], skill.Files.Select(f => f.Path));
        McpSkillFile forged = McpSkillFile.FromContent("link.txt", "top secret"u8);
        Assert.Null(await provider.ReadAsync(skill, forged, CancellationToken.None));
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2644 && e.Message.Contains("link.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSkills_FolderNameDiffersFromFrontmatterName_SkipsThatSkillWithAWarning()
    {
        _temp.Write("skills/alpha/SKILL.md", TestSkills.Markdown("beta"));
        _temp.Write("skills/gamma/SKILL.md", TestSkills.Markdown("gamma"));

        IReadOnlyList<McpSkillDefinition> skills = Provider().LoadSkills();

        Assert.Equal("gamma", Assert.Single(skills).Name);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 2641 && e.Message.Contains("differs from the folder name", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSkills_RefusedFrontmatterOrEncoding_SkipsOnlyThoseSkills()
    {
        _temp.Write("skills/alpha/SKILL.md", "---\nname: alpha\ndescription: [a, b]\n---\n");
        _temp.Write("skills/beta/SKILL.md", [.. "---\nname: beta\ndescription: b\n---\n"u8, 0xFF, 0xFE]);
        _temp.Write("skills/gamma/SKILL.md", TestSkills.Markdown("gamma"));

        IReadOnlyList<McpSkillDefinition> skills = Provider().LoadSkills();

        Assert.Equal("gamma", Assert.Single(skills).Name);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("'alpha'", StringComparison.Ordinal) && e.Message.Contains("frontmatter line 2", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("'beta'", StringComparison.Ordinal) && e.Message.Contains("not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSkills_MoreFilesThanTheLimit_SkipsTheSkill()
    {
        _temp.Write("skills/alpha/SKILL.md", TestSkills.Markdown("alpha"));
        _temp.Write("skills/alpha/a.md", "a");
        _temp.Write("skills/alpha/b.md", "b");
        _temp.Write("skills/small/SKILL.md", TestSkills.Markdown("small"));
        _temp.Write("skills/small/a.md", "a");

        IReadOnlyList<McpSkillDefinition> skills = Provider(o => o.MaxFilesPerSkill = 2).LoadSkills();

        Assert.Equal("small", Assert.Single(skills).Name);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("more than 2 files", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSkills_MoreBytesThanTheLimit_SkipsTheSkillBeforeReadingIt()
    {
        string markdown = TestSkills.Markdown("alpha");
        int size = Encoding.UTF8.GetByteCount(markdown);
        _temp.Write("skills/alpha/SKILL.md", markdown);
        _temp.Write("skills/alpha/big.bin", new byte[10]);

        Assert.Single(Provider(o => o.MaxBytesPerSkill = size + 10).LoadSkills());
        Assert.Empty(Provider(o => o.MaxBytesPerSkill = size + 9).LoadSkills());
        Assert.Contains(_logs.Entries, e => e.Message.Contains($"more than the limit of {size + 9}", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadSkills_MissingRoot_ServesNothingAndWarns()
    {
        Assert.Empty(Provider().LoadSkills());
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 2643);
    }

    [Fact]
    public void Constructor_RelativeRoot_IsResolvedAgainstTheApplicationBaseDirectory()
    {
        var provider = new FileSystemSkillProvider("some/skills");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "some", "skills"), provider.RootPath);
    }

    [Fact]
    public async Task ReadAsync_FileChangedSinceLoad_NeverReturnsMoreThanTheListedSize()
    {
        _temp.Write("skills/alpha/SKILL.md", TestSkills.Markdown("alpha"));
        string notes = _temp.Write("skills/alpha/notes.md", "12345");
        FileSystemSkillProvider provider = Provider();
        McpSkillDefinition skill = Assert.Single(provider.LoadSkills());
        McpSkillFile file = skill.Files.Single(f => f.Path == "notes.md");

        File.WriteAllText(notes, "123456789");
        Assert.Null(await provider.ReadAsync(skill, file, CancellationToken.None));

        File.Delete(notes);
        Assert.Null(await provider.ReadAsync(skill, file, CancellationToken.None));
        Assert.Equal(2, _logs.Entries.Count(e => e.EventId.Id == 2645));
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
        _temp.Dispose();
    }

    private FileSystemSkillProvider Provider(Action<McpSkillsOptions>? configure = null)
    {
        var options = new McpSkillsOptions();
        configure?.Invoke(options);
        return new FileSystemSkillProvider(Root, options, _loggers.CreateLogger<FileSystemSkillProvider>());
    }
}
