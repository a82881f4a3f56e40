using Microsoft.Extensions.Options;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills.Tests;

public sealed class McpSkillsOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new McpSkillsOptions();

        Assert.True(options.Enabled);
        Assert.Null(options.Authority);
        Assert.Equal("skills", options.RootPath);
        Assert.True(options.DirectoryRead);
        Assert.False(options.Legacy);
        Assert.Null(options.PageSize);
        Assert.Equal(512, options.MaxFilesPerSkill);
        Assert.Equal(16 * 1024 * 1024, options.MaxBytesPerSkill);
        Assert.Equal(new McpCacheHint(TimeSpan.FromMinutes(5), McpCacheScopes.Public), options.ListCache);
        Assert.Equal(options.ListCache, options.GetCache);
        Assert.Equal(options.ListCache, options.ReadCache);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("skills.example.com")]
    [InlineData("a-b")]
    [InlineData("0")]
    public void Authority_HostName_IsAccepted(string authority)
    {
        Assert.Equal(authority, new McpSkillsOptions { Authority = authority }.Authority);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("user@host")]
    [InlineData("host:80")]
    public void Authority_NotALowercaseHostName_Throws(string authority)
    {
        Assert.Throws<ArgumentException>(() => new McpSkillsOptions { Authority = authority });
    }

    [Fact]
    public void Authority_Empty_MeansNoPrefix()
    {
        Assert.Null(new McpSkillsOptions { Authority = string.Empty }.Authority);
    }

    [Fact]
    public void Setters_OutOfRange_Throw()
    {
        var options = new McpSkillsOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxFilesPerSkill = 513);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxFilesPerSkill = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBytesPerSkill = (16 * 1024 * 1024) + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PageSize = 0);
        Assert.Throws<ArgumentException>(() => options.RootPath = " ");
        Assert.Throws<ArgumentNullException>(() => options.ListCache = null!);
    }

    [Fact]
    public void Validator_NegativeTtlOrUnknownScope_Fails()
    {
        var options = new McpSkillsOptions
        {
            ListCache = new McpCacheHint(TimeSpan.FromSeconds(-1), McpCacheScopes.Public),
            ReadCache = new McpCacheHint(TimeSpan.Zero, "shared"),
        };

        ValidateOptionsResult result = new McpSkillsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("ListCache.Ttl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ReadCache.Scope", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new McpSkillsOptionsValidator().Validate(null, new McpSkillsOptions()).Succeeded);
    }
}
