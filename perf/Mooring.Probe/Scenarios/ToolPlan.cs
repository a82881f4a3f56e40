using System.Text.Json.Nodes;
using Mooring.Probe.Cli;
using Mooring.Probe.Mcp;

namespace Mooring.Probe.Scenarios;

/// <summary>
/// Which tools the scenarios call, chosen once from the server's tools/list: churn's tool (--tool, else echo, else
/// the first tool without required arguments, else none: initialize only), a slow tool for disconnect-mid-response
/// (sleep), and whether echo exists for stopped-reader's large answers.
/// </summary>
internal sealed record ToolPlan(ToolCall? Call, ToolCall? Slow, bool HasEcho, IReadOnlyList<string> Notes)
{
    public const string EchoTool = "echo";
    public const string SleepTool = "sleep";

    /// <summary>2 s: long enough that a disconnect at 300 ms lands well before the answer.</summary>
    public const int SlowToolMilliseconds = 2000;

    /// <summary>Initializes once and lists tools. Returns null plan and an error when the endpoint does not answer initialize.</summary>
    public static async Task<(ToolPlan? Plan, string? Error)> ResolveAsync(McpTarget target, ProbeOptions options, CancellationToken cancellationToken)
    {
        using var client = new McpClient(target);
        var init = await client.InitializeAsync(cancellationToken);
        if (!init.IsResult)
        {
            return (null, $"initialize at {target.Url} failed: {init.Describe()}");
        }

        var tools = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var list = await client.RequestAsync(McpMethods.ToolsList, new JsonObject(), cancellationToken);
        if (list.Result?["tools"] is JsonArray array)
        {
            foreach (var tool in array.OfType<JsonObject>())
            {
                if (tool["name"]?.GetValue<string>() is { } name)
                {
                    tools[name] = tool["inputSchema"] as JsonObject;
                }
            }
        }

        var notes = new List<string>();
        if (init.SessionId is null)
        {
            notes.Add("The server issued no MCP-Session-Id (stateless): session figures do not apply.");
        }

        ToolCall? call = null;
        if (options.Tool is { } wanted)
        {
            if (tools.ContainsKey(wanted))
            {
                call = new ToolCall(wanted, ParseArguments(options.ArgumentsJson) ?? new JsonObject());
            }
            else
            {
                notes.Add($"The server has no tool '{wanted}'.");
            }
        }
        else if (tools.ContainsKey(EchoTool))
        {
            call = new ToolCall(EchoTool, ParseArguments(options.ArgumentsJson) ?? new JsonObject { ["text"] = "probe" });
        }

        if (call is null)
        {
            var free = tools.FirstOrDefault(t => t.Value?["required"] is not JsonArray { Count: > 0 });
            if (free.Key is not null)
            {
                call = new ToolCall(free.Key, new JsonObject());
                notes.Add($"churn calls '{free.Key}' (the first tool without required arguments).");
            }
            else
            {
                notes.Add("No callable tool: churn only initializes.");
            }
        }

        ToolCall? slow = null;
        if (tools.ContainsKey(SleepTool))
        {
            slow = new ToolCall(SleepTool, new JsonObject { ["ms"] = SlowToolMilliseconds });
        }
        else if (call is not null)
        {
            slow = call;
            notes.Add($"No '{SleepTool}' tool: disconnect-mid-response calls '{call.Name}', which may answer before the disconnect.");
        }

        var hasEcho = tools.TryGetValue(EchoTool, out var echoSchema) && echoSchema?["properties"]?["text"] is not null;
        return (new ToolPlan(call, slow, hasEcho, notes), null);
    }

    private static JsonObject? ParseArguments(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;
}
