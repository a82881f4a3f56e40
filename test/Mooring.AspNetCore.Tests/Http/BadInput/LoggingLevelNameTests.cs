using Mooring.Protocol;

namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>
/// logging/setLevel accepts exactly the eight syslog names: no padding, no comma lists (which the stock enum
/// converter would read as flags).
/// </summary>
public sealed class LoggingLevelNameTests
{
    [Theory]
    [InlineData("\" debug\"")]
    [InlineData("\"debug \"")]
    [InlineData("\"debug, info\"")]
    [InlineData("\"Debug\"")]
    [InlineData("4")]
    public async Task SetLevel_WithPaddedOrListedName_ReturnsInvalidParams(string level)
    {
        await using KestrelTestServer server = await TestServers.StartAsync();
        using var client = new McpTestClient(server.McpEndpoint);
        string session = await client.InitializeAsync();

        RawHttpResponse response = await RawHttpClient.ExchangeAsync(server.BaseAddress, RawHttpRequest.Post(
            """{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":""" + level + "}}", session));

        JsonRpcAssert.Error(response, 200, JsonRpcErrorCodes.InvalidParams, "1");
    }
}
