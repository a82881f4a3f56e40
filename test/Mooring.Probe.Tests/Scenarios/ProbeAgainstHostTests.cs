using System.Text.Json;
using Mooring.Probe.Observation;

namespace Mooring.Probe.Tests.Scenarios;

/// <summary>
/// Every scenario in --quick form against a real Mooring.Host process, observed through its PID. These assert what
/// the probe measured (a table, JSON, socket and health figures), that Mooring leaves no CLOSE-WAIT behind, and that
/// every verdict is OK, stopped readers included (the host runs with a 1 s write timeout for that).
/// </summary>
public sealed class ProbeAgainstHostTests : IClassFixture<ProbeHostFixture>, IDisposable
{
    private readonly HttpHostFixture _host;
    private readonly string _directory = Directory.CreateTempSubdirectory("mooring-probe-").FullName;

    public ProbeAgainstHostTests(ProbeHostFixture fixture) => _host = fixture.Host;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> ScenarioNames => [.. Mooring.Probe.Scenarios.ScenarioTable.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Quick_AgainstHost_CompletesAndReportsFigures(string scenario)
    {
        var json = Path.Combine(_directory, scenario + ".json");
        var html = Path.Combine(_directory, scenario + ".html");
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));

        var exit = await ProbeRunner.MainAsync(
            [_host.McpEndpoint.ToString(), "--scenario", scenario, "--quick", "--pid", _host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--json", json, "--report", html],
            output, error, timeout.Token);

        var text = output.ToString();
        Assert.True(exit is ProbeRunner.ExitOk or ProbeRunner.ExitFindings, $"exit {exit}: {error}{Environment.NewLine}{text}");
        Assert.Contains("CLOSE-WAIT", text, StringComparison.Ordinal);
        Assert.Contains("verdict:", text, StringComparison.Ordinal);
        Assert.Contains($"sockets of process {_host.ProcessId}", text, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var result = Assert.Single(document.RootElement.GetProperty("scenarios").EnumerateArray());
        Assert.Equal(scenario, result.GetProperty("name").GetString());
        Assert.True(result.GetProperty("attempted").GetInt32() > 0, text);
        Assert.True(result.GetProperty("completed").GetInt32() > 0, text);

        var summary = result.GetProperty("summary");
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("closeWaitEnd").ValueKind);
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("establishedMax").ValueKind);
        Assert.True(summary.GetProperty("threadsStart").GetInt32() > 0);
        Assert.True(summary.GetProperty("rssStart").GetInt64() > 0);
        Assert.True(summary.GetProperty("healthAfter").GetProperty("checks").GetInt32() > 0);
        Assert.Equal(0, summary.GetProperty("healthAfter").GetProperty("failures").GetInt32());
        Assert.True(result.GetProperty("samples").GetArrayLength() >= 4);

        // The bug: Mooring closes every socket its peers closed.
        Assert.Equal(0, summary.GetProperty("closeWaitEnd").GetInt32());

        var verdict = result.GetProperty("verdict");
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.GetProperty("line").GetString() + Environment.NewLine + text);
        if (scenario == "stopped-reader")
        {
            // The held connections were really seen on the server's side before it let them go.
            Assert.True(summary.GetProperty("establishedMax").GetInt32() >= 2, text);
        }

        var report = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", report, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(report, "<svg"));
    }

    [Fact]
    public void Observer_HostPid_SeesItsListenerAsNoConnection()
    {
        // The host listens on its port; a listener is not a connection, so an idle host has no counted sockets but TIME-WAIT.
        var port = _host.BaseAddress.Port;
        var owned = new ProcessSampler(_host.ProcessId).ReadSocketInodes();
        Assert.NotNull(owned);
        Assert.Contains(ProcNetTcp.ReadAll(), e => e.LocalPort == port && e.State == TcpState.Listen && owned.Contains(e.Inode));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
