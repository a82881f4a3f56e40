using System.ComponentModel;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Fixtures for roots and for a tool list that changes while the server runs.</summary>
internal static class DynamicFixtureTools
{
    public const string DynamicToolName = "dynamic_tool";

    [McpTool("list_roots", ReadOnly = true, OpenWorld = false)]
    [Description("Asks the client for its roots (roots/list) and returns them, one per line.")]
    public static async Task<string> ListRoots(McpRequestContext context)
    {
        ListRootsResult roots = await context.ListRootsAsync(context.CancellationToken).ConfigureAwait(false);
        return roots.Roots.Count == 0 ? "No roots." : string.Join('\n', roots.Roots.Select(r => r.Name is null ? r.Uri : $"{r.Name}: {r.Uri}"));
    }

    [McpTool("toggle_dynamic_tool", OpenWorld = false)]
    [Description("Adds the tool 'dynamic_tool' if it is absent, removes it if present; clients are told with notifications/tools/list_changed.")]
    public static string ToggleDynamicTool(McpServer server)
    {
        if (server.Tools.Remove(DynamicToolName))
        {
            return "Removed dynamic_tool.";
        }

        server.Tools.Add(McpServerTool.Create(DynamicToolName, static () => "This tool was added at run time.", server.Options, "A tool that exists only after toggle_dynamic_tool added it."));
        return "Added dynamic_tool.";
    }
}
