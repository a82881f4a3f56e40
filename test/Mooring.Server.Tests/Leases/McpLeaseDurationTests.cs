using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Leases;

/// <summary>
/// Streams and sessions record how long they lived, in seconds on the injected clock, tagged with why they ended:
/// <c>mcp.server.stream.duration</c> from <see cref="McpLease"/>, <c>mcp.server.session.duration</c> when a session ends.
/// </summary>
public sealed class McpLeaseDurationTests
{
    [Theory]
    [InlineData(McpBudget.GetStreams, "get_streams")]
    [InlineData(McpBudget.PostStreams, "post_streams")]
    public async Task StreamLease_HeldFiveSeconds_RecordsFiveWithBudgetAndReason(McpBudget budget, string budgetTag)
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var durations = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.stream.duration");
        McpLease lease = server.Server.Governor.TryLease(budget)!;

        server.Time.Advance(TimeSpan.FromSeconds(5));
        lease.End(McpEndReason.HeartbeatFailed);
        server.Time.Advance(TimeSpan.FromSeconds(5));
        lease.Dispose();

        (double value, KeyValuePair<string, object?>[] tags) = Assert.Single(durations.Measurements);
        Assert.Equal(5.0, value);
        Assert.Equal(budgetTag, Tag(tags, "mcp.budget"));
        Assert.Equal("heartbeat_failed", Tag(tags, "mcp.end_reason"));
    }

    [Fact]
    public async Task HandlerLease_Ended_RecordsNoStreamDuration()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var durations = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.stream.duration");
        using var sessions = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.session.duration");

        using (server.Server.Governor.TryLease(McpBudget.Handlers))
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(durations.Measurements);
        Assert.Empty(sessions.Measurements);
    }

    [Fact]
    public async Task Session_EndedAfterFiveSeconds_RecordsFiveWithReason()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var durations = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.session.duration");
        McpSession session = server.Server.CreateSession("timed");

        server.Time.Advance(TimeSpan.FromSeconds(5));
        await session.EndAsync(McpEndReason.IdleTimeout);

        (double value, KeyValuePair<string, object?>[] tags) = Assert.Single(durations.Measurements);
        Assert.Equal(5.0, value);
        Assert.Equal("idle_timeout", Tag(tags, "mcp.end_reason"));
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Sessions));
    }

    [Fact]
    public async Task Session_EndedTwice_RecordsOnce()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var durations = new MeasurementRecorder<double>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.session.duration");
        McpSession session = server.Server.CreateSession("twice");

        await session.EndAsync(McpEndReason.Deleted);
        await session.EndAsync(McpEndReason.Shutdown);

        Assert.Equal("deleted", Tag(Assert.Single(durations.Measurements).Tags, "mcp.end_reason"));
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => (string?)Assert.Single(tags, t => t.Key == key).Value;
}
