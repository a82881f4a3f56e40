using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Leases;

/// <summary>
/// What waits to go out is visible: a <see cref="ChannelMessageSink"/> given the governor counts its depth in
/// <c>mcp.server.outbound.queue.messages</c> until it is completed and read to the end, and unflushed bytes add and
/// subtract exactly.
/// </summary>
public sealed class OutboundQueueGaugeTests
{
    [Fact]
    public async Task Sink_CountsQueuedMessages_UntilCompletedAndDrained()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        McpResourceGovernor governor = server.Server.Governor;
        var sink = new ChannelMessageSink(8, governor);

        for (int i = 0; i < 3; i++)
        {
            Assert.True(sink.TryEnqueue(Notification(i)));
        }

        Assert.Equal(3, governor.QueuedMessages());
        Assert.Equal(1, governor.TrackedQueues);

        Assert.True(sink.Reader.TryRead(out _));
        Assert.Equal(2, governor.QueuedMessages());

        // Completed but not drained: still held, so a pump that stopped reading shows up.
        sink.Complete();
        Assert.Equal(2, governor.QueuedMessages());
        Assert.Equal(1, governor.TrackedQueues);

        while (sink.Reader.TryRead(out _))
        {
        }

        await sink.Reader.Completion;
        Assert.Equal(0, governor.QueuedMessages());
        await UntrackedAsync(governor);
    }

    [Fact]
    public async Task Sink_AtItsCap_RefusesLossyMessages_AndTheGaugeStaysAtTheCap()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        McpResourceGovernor governor = server.Server.Governor;
        var sink = new ChannelMessageSink(4, governor);

        int accepted = Enumerable.Range(0, 10).Count(i => sink.TryEnqueue(Notification(i)));

        Assert.Equal(4, accepted);
        Assert.Equal(4, governor.QueuedMessages());
        sink.Complete();
        while (sink.Reader.TryRead(out _))
        {
        }

        await sink.Reader.Completion;
        await UntrackedAsync(governor);
    }

    [Fact]
    public async Task Sink_WithoutGovernor_IsNotCounted()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        var sink = new ChannelMessageSink(4);
        Assert.True(sink.TryEnqueue(Notification(1)));

        Assert.Equal(1, sink.Count);
        Assert.Equal(0, server.Server.Governor.QueuedMessages());
        Assert.Equal(0, server.Server.Governor.TrackedQueues);
    }

    [Fact]
    public async Task UnflushedBytes_AddAndSubtract_AndAreObservedAsAGauge()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        McpResourceGovernor governor = server.Server.Governor;
        using var gauge = new MeasurementRecorder<long>(server.Services.GetMeterFactory(), McpResourceGovernor.MeterName, "mcp.server.outbound.queue.bytes");

        governor.AddUnflushedBytes(65_536);
        governor.AddUnflushedBytes(100);
        Assert.Equal(65_636, governor.UnflushedBytes());
        gauge.RecordObservable();
        Assert.Equal(65_636, gauge.Measurements[^1].Value);

        governor.AddUnflushedBytes(-65_636);
        Assert.Equal(0, governor.UnflushedBytes());
        gauge.RecordObservable();
        Assert.Equal(0, gauge.Measurements[^1].Value);
    }

    // The channel completes its readers asynchronously, so untracking lands just after Completion; bounded wait.
    private static async Task UntrackedAsync(McpResourceGovernor governor)
    {
        for (int i = 0; i < 200 && governor.TrackedQueues != 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, governor.TrackedQueues);
    }

    private static McpOutgoingMessage Notification(int i) =>
        McpOutgoingMessage.Notification(McpMethods.NotificationProgress, new ProgressNotificationParams { ProgressToken = new RequestId(i), Progress = i }, McpJsonContext.Default.ProgressNotificationParams);
}
