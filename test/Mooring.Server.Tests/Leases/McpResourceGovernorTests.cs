using System.Text.Json.Nodes;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Leases;

/// <summary>The governor grants leases against caps, refuses at the cap, and ends each lease exactly once.</summary>
public sealed class McpResourceGovernorTests
{
    [Fact]
    public async Task TryAcquire_AtTheCap_RefusesUntilOneIsReleased()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives), o => o.Limits.MaxDetachedRequests = 2);
        McpResourceGovernor governor = server.Server.Governor;

        Assert.True(governor.TryAcquire(McpBudget.DetachedHandlers));
        Assert.True(governor.TryAcquire(McpBudget.DetachedHandlers));
        Assert.False(governor.TryAcquire(McpBudget.DetachedHandlers));
        Assert.Equal(2, governor.Held(McpBudget.DetachedHandlers));

        governor.Release(McpBudget.DetachedHandlers, McpEndReason.Completed);
        Assert.True(governor.TryAcquire(McpBudget.DetachedHandlers));
        governor.Release(McpBudget.DetachedHandlers, McpEndReason.Completed);
        governor.Release(McpBudget.DetachedHandlers, McpEndReason.Completed);
        Assert.Equal(0, governor.Held(McpBudget.DetachedHandlers));
    }

    [Fact]
    public async Task Lease_EndedTwice_ReleasesOnce_AndTheFirstReasonWins()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        using var ended = new MeasurementRecorder<long>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.leases.ended");
        McpLease lease = server.Server.Governor.TryLease(McpBudget.GetStreams)!;

        Assert.True(lease.End(McpEndReason.ClientGone));
        Assert.False(lease.End(McpEndReason.Error));
        lease.Dispose();

        Assert.Equal(0, server.Server.Governor.Held(McpBudget.GetStreams));
        Assert.Equal("client_gone", (string?)Assert.Single(Assert.Single(ended.Measurements).Tags, t => t.Key == "mcp.end_reason").Value);
    }

    [Fact]
    public async Task Sessions_AtTheCap_TryCreateRefuses_AndEndingOneMakesRoom()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives), o => o.Limits.MaxSessions = 2);
        McpServer core = server.Server;
        McpSession first = core.CreateSession("s1");
        _ = core.CreateSession("s2");

        Assert.False(core.TryCreateSession("s3", out _));
        Assert.Throws<InvalidOperationException>(() => core.CreateSession("s3"));

        await first.EndAsync(McpEndReason.IdleTimeout);
        Assert.True(core.TryCreateSession("s3", out McpSession? third));
        Assert.Equal(2, core.Governor.Held(McpBudget.Sessions));
        Assert.Equal("s3", third.Id);
    }

    [Fact]
    public async Task Requests_OverThePerSessionCap_Get503SessionBusy_AndTheCapFreesWhenOneFinishes()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives), o => o.Limits.MaxConcurrentRequestsPerSession = 1);
        TestSession session = await server.InitializedSessionAsync();
        Task<JsonNode?> blocked = session.StartRequestWithId("\"blocker\"", "tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        JsonNode refused = await session.RequestAsync("ping");
        Assert.Equal(JsonRpcErrorCodes.ServerError, (int)refused["error"]!["code"]!);
        Assert.Contains("this session", (string?)refused["error"]!["message"], StringComparison.Ordinal);

        // Another session is not affected by this one's cap.
        TestSession other = await server.InitializedSessionAsync();
        Assert.NotNull((await other.RequestAsync("ping"))["result"]);

        await session.NotifyAsync("notifications/cancelled", """{"requestId":"blocker"}""");
        await blocked.WaitAsync(TestServer.Patience);
        Assert.NotNull((await session.RequestAsync("ping"))["result"]);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));
    }

    [Fact]
    public async Task Requests_OverTheGlobalCap_Get503ServerBusy()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives), o => o.Limits.MaxConcurrentRequests = 1);
        TestSession one = await server.InitializedSessionAsync();
        TestSession two = await server.InitializedSessionAsync();
        Task<JsonNode?> blocked = one.StartRequest("tools/call", """{"name":"block"}""");
        await server.Probe.Started.Task.WaitAsync(TestServer.Patience);

        JsonNode refused = await two.RequestAsync("ping");

        Assert.Equal("Server busy: too many requests are running; retry later.", (string?)refused["error"]!["message"]);
        await one.Session.EndAsync(McpEndReason.Shutdown);
        await blocked.WaitAsync(TestServer.Patience);
        Assert.Equal(0, server.Server.Governor.Held(McpBudget.Handlers));
    }
}
