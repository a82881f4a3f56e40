using System.Text.Json;

namespace Mooring.AspNetCore.Tests.Http.Modern;

/// <summary>One modern answer as read off the wire: the response head, the SSE blocks (none for JSON) and every JSON-RPC message in order.</summary>
/// <param name="Head">Status and headers.</param>
/// <param name="Events">The SSE blocks, comments included; empty for a JSON answer.</param>
/// <param name="Messages">The JSON-RPC messages: the body of a JSON answer, or each SSE data payload.</param>
internal sealed record ModernAnswer(RawHttpResponse Head, IReadOnlyList<SseEvent> Events, IReadOnlyList<JsonElement> Messages)
{
    /// <summary>True when the answer came as an SSE stream.</summary>
    public bool IsSse => JsonRpcAssert.MediaType(Head.ContentType) == "text/event-stream";

    /// <summary>The messages before the final response (notifications about the request).</summary>
    public IReadOnlyList<JsonElement> Notifications => [.. Messages.Where(m => m.TryGetProperty("method", out _))];

    /// <summary>The one response (result or error); fails when there is not exactly one, or when it is not last.</summary>
    public JsonElement Response
    {
        get
        {
            JsonElement[] responses = [.. Messages.Where(m => !m.TryGetProperty("method", out _))];
            Assert.True(responses.Length == 1, $"Expected one response, got {responses.Length}: {Head} {string.Join(" | ", Messages.Select(m => m.GetRawText()))}");
            Assert.True(Messages[^1].GetRawText() == responses[0].GetRawText(), "The response must be the last message of the stream.");
            return responses[0];
        }
    }
}
