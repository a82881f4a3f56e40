using System.ComponentModel;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Host.Fixtures;

/// <summary>Fixtures for roots and for a tool list that changes while the server runs.</summary>
internal static class DynamicFixtureTools
{
    public const string DynamicToolName = "dynamic_tool";

    /// <summary>The prompt <c>test_trigger_prompt_change</c> adds and removes.</summary>
    public const string DynamicPromptName = "dynamic_prompt";

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

        server.Tools.Add(McpServerTool.Create(typeof(DynamicTool).GetMethod(nameof(DynamicTool.Run))!, null, server.Options));
        return "Added dynamic_tool.";
    }

    [McpTool("test_trigger_tool_change", OpenWorld = false)]
    [Description("Changes the tool list (toggles 'dynamic_tool'), so listeners get notifications/tools/list_changed.")]
    public static string TriggerToolChange(McpServer server)
    {
        _ = ToggleDynamicTool(server);
        return "Mutation triggered";
    }

    [McpTool("test_trigger_prompt_change", OpenWorld = false)]
    [Description("Changes the prompt list (toggles 'dynamic_prompt'), so listeners get notifications/prompts/list_changed.")]
    public static string TriggerPromptChange(McpServer server)
    {
        if (!server.Prompts.Remove(DynamicPromptName))
        {
            server.Prompts.Add(McpServerPrompt.Create(typeof(DynamicPrompt).GetMethod(nameof(DynamicPrompt.Get))!, null, server.Options));
        }

        return "Mutation triggered";
    }

    /// <summary>Not registered at start: <see cref="ToggleDynamicTool"/> adds and removes it.</summary>
    internal static class DynamicTool
    {
        [McpTool(DynamicToolName)]
        [Description("A tool that exists only after toggle_dynamic_tool added it.")]
        public static string Run() => "This tool was added at run time.";
    }

    /// <summary>Not registered at start: <see cref="TriggerPromptChange"/> adds and removes it.</summary>
    internal static class DynamicPrompt
    {
        [McpPrompt(DynamicPromptName)]
        [Description("A prompt that exists only after test_trigger_prompt_change added it.")]
        public static string Get() => "This prompt was added at run time.";
    }
}
