namespace Mooring.Protocol.Tests;

public sealed class McpProtocolVersionsTests
{
    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2025-03-26")]
    public void Negotiate_SupportedVersion_IsEchoed(string requested) => Assert.Equal(requested, McpProtocolVersions.Negotiate(requested));

    [Fact]
    public void Negotiate_SupportedVersion_ReturnsTheSharedConstant_NotTheCallersCopy()
    {
        // A session keeps the negotiated version for its life: a string parsed from the request must not be kept.
        string parsed = new("2025-06-18".AsSpan());
        Assert.Same(McpProtocolVersions.V20250618, McpProtocolVersions.Negotiate(parsed));
    }

    [Theory]
    [InlineData("2024-11-05")]
    [InlineData("2026-07-28")]
    [InlineData("1.0.0")]
    [InlineData("2025-11-25 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Negotiate_UnknownVersion_AnswersTheLatestLegacy(string? requested) =>
        Assert.Equal("2025-11-25", McpProtocolVersions.Negotiate(requested));

    [Fact]
    public void Legacy_ListsNewestFirst() =>
        Assert.Equal(["2025-11-25", "2025-06-18", "2025-03-26"], McpProtocolVersions.Legacy);

    [Theory]
    [InlineData("2025-03-26", true)]
    [InlineData("2025-06-18", false)]
    [InlineData("2025-11-25", false)]
    [InlineData("2024-11-05", false)]
    [InlineData(null, false)]
    public void AllowsBatches_OnlyFor20250326(string? version, bool expected) => Assert.Equal(expected, McpProtocolVersions.AllowsBatches(version));

    [Fact]
    public void AssumedWhenAbsent_Is20250326() => Assert.Equal("2025-03-26", McpProtocolVersions.AssumedWhenAbsent);
}
