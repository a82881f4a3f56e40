using System.Net;
using Mooring.Probe.Cli;

namespace Mooring.Probe.Tests.Cli;

public class ProbeOptionsParserTests
{
    [Fact]
    public void Parse_UrlOnly_AllScenariosAndDefaults()
    {
        var options = ProbeOptionsParser.Parse(["http://127.0.0.1:3001/mcp"]).Options!;

        Assert.Equal(7, options.Scenarios.Count);
        Assert.Equal("churn", options.Scenarios[0]);
        Assert.Equal(TimeSpan.FromSeconds(3), options.EffectiveSettle);
        Assert.False(options.AllowRemote);
        Assert.Equal(1, options.Seed);
    }

    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = ProbeOptionsParser.Parse([
            "http://localhost:3001/mcp", "--scenario", "churn", "--scenario", "slowloris,churn", "--pid", "42",
            "--health", "http://127.0.0.1:3001/healthz", "--tool", "add", "--arguments", "{\"a\":1}", "--duration", "1500ms",
            "--concurrency", "3", "--cycles", "9", "--settle", "2s", "--seed", "7", "--report", "r.html", "--json", "r.json", "--quick", "--allow-remote",
        ]).Options!;

        Assert.Equal(["churn", "slowloris"], options.Scenarios);
        Assert.Equal(42, options.Pid);
        Assert.Equal("/healthz", options.HealthUrl!.AbsolutePath);
        Assert.Equal(("add", "{\"a\":1}"), (options.Tool, options.ArgumentsJson));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Duration);
        Assert.Equal((3, 9, 7), (options.Concurrency, options.Cycles, options.Seed));
        Assert.Equal(TimeSpan.FromSeconds(2), options.EffectiveSettle);
        Assert.Equal(("r.html", "r.json"), (options.ReportPath, options.JsonPath));
        Assert.True(options.Quick && options.AllowRemote);
    }

    [Theory]
    [InlineData(new string[0], "URL is required")]
    [InlineData(new[] { "https://127.0.0.1/mcp" }, "only http://")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--scenario", "nope" }, "Unknown scenario 'nope'")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--pid", "-3" }, "--pid needs a positive")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--duration", "soon" }, "--duration needs a time")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--arguments", "[1]" }, "must be a JSON object")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--arguments", "{" }, "not valid JSON")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--cycles" }, "--cycles needs a positive")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "--frobnicate" }, "Unknown option")]
    [InlineData(new[] { "http://127.0.0.1/mcp", "http://127.0.0.1/other" }, "Only one URL")]
    public void Parse_BadInput_IsUsageError(string[] args, string message)
    {
        var result = ProbeOptionsParser.Parse(args);

        Assert.Null(result.Options);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("2.5s", 2.5)]
    [InlineData("1500ms", 1.5)]
    [InlineData("2m", 120.0)]
    public void TryParseTime_Forms(string text, double seconds)
    {
        Assert.True(ProbeOptionsParser.TryParseTime(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.5.6.7", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::", false)]
    public void IsLoopback_Addresses(string address, bool loopback) =>
        Assert.Equal(loopback, TargetPolicy.IsLoopback(IPAddress.Parse(address)));

    [Fact]
    public async Task Resolve_RemoteWithoutAllowRemote_IsRefusedWithReason()
    {
        var (endPoint, error) = await TargetPolicy.ResolveAsync(new Uri("http://10.1.2.3:8080/mcp"), allowRemote: false, CancellationToken.None);

        Assert.Null(endPoint);
        Assert.Contains("only loopback targets", error, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_RemoteWithAllowRemote_IsAccepted()
    {
        var (endPoint, _) = await TargetPolicy.ResolveAsync(new Uri("http://10.1.2.3:8080/mcp"), allowRemote: true, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 8080), endPoint);
    }

    [Fact]
    public async Task MainAsync_RemoteTarget_ExitsWithUsageCodeWithoutConnecting()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ProbeRunner.MainAsync(["http://10.1.2.3/mcp", "--quick"], output, error, CancellationToken.None);

        Assert.Equal(ProbeRunner.ExitUsage, exit);
        Assert.Contains("Refusing to probe", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainAsync_NothingListening_ExitsWithUsageCode()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var error = new StringWriter();

        var exit = await ProbeRunner.MainAsync([$"http://127.0.0.1:{port}/mcp", "--quick"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ProbeRunner.ExitUsage, exit);
        Assert.Contains("connection refused", error.ToString(), StringComparison.Ordinal);
    }
}
