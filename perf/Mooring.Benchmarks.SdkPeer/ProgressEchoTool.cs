using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mooring.Benchmarks.SdkPeer;

/// <summary>
/// The SSE-response benchmark tool, the same as Mooring.Host's <c>progress_echo</c>: one progress notification for the
/// request's <c>_meta.progressToken</c>, then the echo. The notification is what makes a server answer with an SSE stream.
/// </summary>
[McpServerToolType]
public sealed class ProgressEchoTool
{
    /// <summary>
    /// Awaits the notification before returning, so it is on the stream before the result (the SDK's
    /// <see cref="IProgress{T}"/> does not wait for the send).
    /// </summary>
    [McpServerTool(Name = "progress_echo"), Description("Reports progress once, then returns the given text.")]
    public static async Task<string> ProgressEcho(
        RequestContext<CallToolRequestParams> context,
        [Description("The text to return.")] string text,
        CancellationToken cancellationToken)
    {
        if (context.Params?.ProgressToken is { } token)
        {
            await context.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = 1, Total = 1 }, cancellationToken: cancellationToken);
        }

        return text;
    }
}
