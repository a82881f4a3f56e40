using System.Text.Json;

namespace Mooring.Protocol.Tests.Serialization;

public sealed class StrictStringEnumConverterTests
{
    [Theory]
    [InlineData("debug", LoggingLevel.Debug)]
    [InlineData("notice", LoggingLevel.Notice)]
    [InlineData("emergency", LoggingLevel.Emergency)]
    public void LoggingLevel_WireName_RoundTrips(string name, LoggingLevel level)
    {
        SetLevelRequestParams p = JsonSerializer.Deserialize($$"""{"level":"{{name}}"}""", McpJsonContext.Default.SetLevelRequestParams)!;

        Assert.Equal(level, p.Level);
        Assert.Equal($$"""{"level":"{{name}}"}""", JsonSerializer.Serialize(p, McpJsonContext.Default.SetLevelRequestParams));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("99")]
    [InlineData("\"loud\"")]
    [InlineData("\"4\"")]
    [InlineData("null")]
    public void LoggingLevel_AnythingButAWireName_Throws(string level) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"level":{{level}}}""", McpJsonContext.Default.SetLevelRequestParams));

    [Fact]
    public void Role_Integer_Throws() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"role":0,"model":"m","content":[]}""", McpJsonContext.Default.CreateMessageResult));

    [Fact]
    public void Role_WireNames_RoundTrip()
    {
        var result = new CreateMessageResult { Role = Role.Assistant, Model = "m" };

        string json = JsonSerializer.Serialize(result, McpJsonContext.Default.CreateMessageResult);

        Assert.Contains("\"role\":\"assistant\"", json, StringComparison.Ordinal);
        Assert.Equal(Role.Assistant, JsonSerializer.Deserialize(json, McpJsonContext.Default.CreateMessageResult)!.Role);
    }
}
