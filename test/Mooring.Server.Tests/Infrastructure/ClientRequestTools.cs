using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>
/// Tools that send requests to the client and report what happened as text ("ok: …" or "ExceptionType: message"),
/// so tests can assert exactly which failure a handler saw.
/// </summary>
internal static class ClientRequestTools
{
    [McpTool]
    public static async Task<string> Sample(McpRequestContext context, bool withTools = false)
    {
        var request = new CreateMessageRequestParams
        {
            MaxTokens = 50,
            Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContent { Text = "2+2?" }] }],
            Tools = withTools ? [new Tool { Name = "calc", InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement }] : null,
        };
        try
        {
            CreateMessageResult result = await context.SampleAsync(request);
            return $"ok: {result.Model} {string.Join(",", result.Content.OfType<TextContent>().Select(t => t.Text))}";
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    [McpTool]
    public static async Task<string> Elicit(McpRequestContext context, string mode = "form")
    {
        ElicitRequestParams request = mode == "url"
            ? new ElicitRequestParams { Mode = "url", Message = "Sign in", Url = "https://example.com/auth", ElicitationId = "e-1" }
            : new ElicitRequestParams { Message = "Your name?", RequestedSchema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}}}""").RootElement };
        try
        {
            ElicitResult result = await context.ElicitAsync(request);
            return $"ok: {result.Action}";
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    [McpTool]
    public static async Task<string> ListRoots(McpRequestContext context)
    {
        try
        {
            ListRootsResult result = await context.ListRootsAsync();
            return $"ok: {string.Join(",", result.Roots.Select(r => r.Uri))}";
        }
        catch (Exception ex)
        {
            return Describe(ex);
        }
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";
}
