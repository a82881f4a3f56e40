using System.ComponentModel;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>
/// Fixtures the 2026-07-28 conformance scenarios call: a tool that needs the sampling capability, one that streams a
/// notification before its result, one that logs only when the request asked for logs, and one with an argument
/// mirrored in a header (<c>x-mcp-header</c>).
/// </summary>
internal static class ModernFixtureTools
{
    [McpTool("test_missing_capability")]
    [Description("Needs the client's sampling capability; without it the request fails with -32021.")]
    public static string MissingCapability(McpRequestContext context) =>
        context.ClientCapabilities.Sampling is not null
            ? "Success"
            : throw new McpClientCapabilityRequiredException(new ClientCapabilities { Sampling = new SamplingCapability() }, "This tool needs the sampling capability.");

    [McpTool("test_streaming_elicitation")]
    [Description("Sends a progress notification on the response stream, then its result.")]
    public static async Task<string> StreamingElicitation(McpRequestContext context)
    {
        await context.ReportProgressAsync(1, 1, "Streaming").ConfigureAwait(false);
        return "Streaming complete";
    }

    [McpTool("test_logging_tool")]
    [Description("Logs at info level, which reaches the client only when the request set a log level.")]
    public static async Task<string> Logging(McpRequestContext context)
    {
        await context.Logger.InfoAsync("Logging tool evaluated the request.").ConfigureAwait(false);
        return "Logging evaluated";
    }

    [McpTool("test_header_param")]
    [Description("Echoes a region that clients also send as the Mcp-Param-Region header (x-mcp-header), so proxies can route on it.")]
    public static string HeaderParam([McpHeader("Region")][Description("The region to run in.")] string region) => $"Region: {region}";
}
