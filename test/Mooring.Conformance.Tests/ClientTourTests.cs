using System.Text.Json;

namespace Mooring.Conformance.Tests;

/// <summary>
/// The TypeScript SDK client (npm @modelcontextprotocol/sdk) tours Mooring.Host over Streamable HTTP and stdio:
/// tools, resources, prompts, completion, log levels, sampling, elicitation, ping, and (HTTP) resumption with
/// Last-Event-ID. Each check the tour prints must pass.
/// </summary>
public sealed class ClientTourTests(HttpHostFixture host) : IClassFixture<HttpHostFixture>
{
    private static readonly string[] CommonChecks =
    [
        "connect", "capabilities", "tools-list", "tools-call-echo", "tools-call-progress", "resources-list",
        "resources-read-text", "resources-read-template", "resources-subscribe-unsubscribe", "prompts-list",
        "prompts-get-with-args", "completion-complete", "logging-level-warning-filters-info", "logging-level-debug-delivers",
        "sampling", "elicitation", "ping", "close",
    ];

    [Fact]
    public async Task TypeScriptClient_OverStreamableHttp_PassesEveryCheck()
    {
        NodeRunResult tour = await NodeInterop.RunAsync("tour.sh", ["--http", host.McpEndpoint.ToString()], TimeSpan.FromMinutes(3));
        AssertTour(tour, [.. CommonChecks, "resumability", "session-gone-after-delete"]);
    }

    [Fact]
    public async Task TypeScriptClient_OverStdio_PassesEveryCheck()
    {
        MooringHostCommand command = MooringHostCommand.Resolve();
        NodeRunResult tour = await NodeInterop.RunAsync("tour.sh", ["--stdio", "--", command.DotnetPath, .. command.StdioArguments], TimeSpan.FromMinutes(3));
        AssertTour(tour, CommonChecks);
    }

    private static void AssertTour(NodeRunResult tour, IEnumerable<string> required)
    {
        var checks = new Dictionary<string, (bool Ok, string Line)>(StringComparer.Ordinal);
        foreach (string line in tour.Stdout.Split('\n').Where(l => l.StartsWith('{')))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            checks[document.RootElement.GetProperty("name").GetString()!] = (document.RootElement.GetProperty("ok").GetBoolean(), line);
        }

        Assert.All(required, name => Assert.True(checks.ContainsKey(name), $"The tour did not run check '{name}'.\n{tour.Output}"));
        string[] failed = [.. checks.Values.Where(c => !c.Ok).Select(c => c.Line)];
        Assert.True(failed.Length == 0, "Failed checks:\n" + string.Join("\n", failed));
        Assert.True(tour.ExitCode == 0, tour.Output);
    }
}
