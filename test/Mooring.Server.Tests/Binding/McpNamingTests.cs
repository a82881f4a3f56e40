namespace Mooring.Server.Tests.Binding;

public sealed class McpNamingTests
{
    [Theory]
    [InlineData("GetWeather", "get_weather")]
    [InlineData("GetWeatherAsync", "get_weather")]
    [InlineData("Async", "async")]
    [InlineData("echo", "echo")]
    [InlineData("Echo", "echo")]
    [InlineData("HTTPServerStatus", "http_server_status")]
    [InlineData("ParseJSON", "parse_json")]
    [InlineData("GetV2Data", "get_v2_data")]
    [InlineData("Add2Numbers", "add2_numbers")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("IOStream", "io_stream")]
    public void ToSnakeCase_MethodName_GivesTheDefaultPrimitiveName(string method, string expected) =>
        Assert.Equal(expected, McpNaming.ToSnakeCase(method));
}
