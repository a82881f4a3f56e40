using System.Text.Json.Nodes;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Diagnostics;

public sealed class McpServerMetricsTests
{
    [Fact]
    public async Task ActiveSessions_FollowCreateAndDispose()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        Assert.Equal(0, server.Metrics.ActiveSessions);

        TestSession a = server.CreateSession();
        TestSession b = server.CreateSession();
        Assert.Equal(2, server.Metrics.ActiveSessions);

        await a.Session.DisposeAsync();
        await b.Session.DisposeAsync();
        Assert.Equal(0, server.Metrics.ActiveSessions);
    }

    [Fact]
    public async Task ActiveRequests_CountHandlersInFlightAndReturnToZero()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> call = session.StartRequestWithId("1", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        Assert.Equal(1, server.Metrics.ActiveRequests);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":1}""");
        await call.WaitAsync(TestServer.Patience);
        Assert.Equal(0, server.Metrics.ActiveRequests);
    }

    [Fact]
    public async Task ActiveRequests_RejectedBeforeDispatch_AreNotCounted()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        TestSession session = server.CreateSession();

        await session.RequestAsync("tools/list");
        await session.InitializeAsync();

        Assert.Equal(0, server.Metrics.ActiveRequests);
    }

    [Fact]
    public async Task Instruments_CountLeaseEndsByReasonAndDurationsByMethod()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var ended = new MeasurementRecorder<long>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.leases.ended");
        using var durations = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpServerMetrics.MeterName, "mcp.server.request.duration");
        TestSession session = await server.InitializedSessionAsync();

        await session.RequestAsync("ping");
        await session.RequestAsync("made/up", "{}");
        await session.Session.EndAsync(McpEndReason.Deleted);

        Assert.Equal(
            [("handlers", "completed"), ("handlers", "completed"), ("sessions", "deleted")],
            ended.Measurements.Select(m => ((string?)Tag(m.Tags, "mcp.budget"), (string?)Tag(m.Tags, "mcp.end_reason"))));
        Assert.All(ended.Measurements, m => Assert.Equal(1, m.Value));
        Assert.Equal(
            ["ping", "other"],
            durations.Measurements.Select(m => (string?)Assert.Single(m.Tags, t => t.Key == "mcp.method.name").Value));
        Assert.All(durations.Measurements, m => Assert.True(m.Value >= 0));
        Assert.All(server.Server.Governor.Snapshot(), held => Assert.Equal(0, held.Value));
    }

    private static object? Tag(IReadOnlyList<KeyValuePair<string, object?>> tags, string key) => Assert.Single(tags, t => t.Key == key).Value;
}
