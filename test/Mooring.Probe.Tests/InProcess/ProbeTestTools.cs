using System.ComponentModel;
using Mooring.Probe.Scenarios;
using Mooring.Server;

namespace Mooring.Probe.Tests.InProcess;

/// <summary>
/// The tools the probe looks for (Scenarios/ToolPlan), as Mooring.Host defines them (Fixtures/PracticalTools):
/// <c>echo</c> for churn's call and stopped-reader's large answers, <c>sleep</c> for disconnect-mid-response.
/// </summary>
internal static class ProbeTestTools
{
    [McpTool(ToolPlan.EchoTool, ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns the text it is given.")]
    public static string Echo([Description("The text to return.")] string text) => text;

    [McpTool(ToolPlan.SleepTool, ReadOnly = true, OpenWorld = false)]
    [Description("Waits for the given number of milliseconds; stops early when cancelled.")]
    public static async Task<string> Sleep([Description("How long to wait, in milliseconds.")] int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(ms, cancellationToken);
        return $"Slept {ms} ms.";
    }
}
