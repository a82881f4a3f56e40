using System.Net.Http.Headers;
using System.Text;

namespace Mooring.Benchmarks.Driver;

/// <summary>
/// Whether a server lists a tool: a legacy handshake and one tools/list, with HttpClient (this is set-up, not load).
/// A scenario whose tool a server lacks is reported as not measured instead of as thousands of failed requests.
/// </summary>
internal static class McpToolCheck
{
    private const string ProtocolVersion = "2025-11-25";

    public static async Task<bool> HasToolAsync(string mcpUrl, string tool)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? session = null;
        try
        {
            using (var initialize = await PostAsync(http, mcpUrl, null,
                $$$$"""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"{{{{ProtocolVersion}}}}","capabilities":{},"clientInfo":{"name":"Mooring.Benchmarks.Driver","version":"1.0.0"}}}"""))
            {
                session = initialize.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.FirstOrDefault() : null;
            }

            using (await PostAsync(http, mcpUrl, session, """{"jsonrpc":"2.0","method":"notifications/initialized"}"""))
            {
            }

            using var list = await PostAsync(http, mcpUrl, session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");

            // JSON or one SSE event: either way the tool's name appears as a JSON member in the text.
            var body = await list.Content.ReadAsStringAsync();
            return body.Contains($"\"name\":\"{tool}\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>One MCP POST over HTTP/1.1 (2025-11-25, in <paramref name="session"/> when given), as every driver client sends it.</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string? session, string json, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
