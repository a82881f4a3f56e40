using System.Threading.Channels;
using Mooring.Protocol;
using Mooring.Server.Tests.Infrastructure;

namespace Mooring.Server.Tests.Messaging;

/// <summary>
/// The sink's queue is Mooring's own (a bounded channel cost a held stream about 600 bytes); these pin down that it
/// behaves as the bounded single-reader channel with <see cref="BoundedChannelFullMode.Wait"/> did: order, the cap,
/// writers waiting for room in order, completion after the last read, cancellation of both sides.
/// </summary>
public sealed class ChannelMessageSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Messages_AreReadInOrder_AndTheReaderEndsAfterCompletion()
    {
        var sink = new ChannelMessageSink(8);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(sink.TryEnqueue(Message(i)));
        }

        sink.Complete();
        Assert.False(sink.TryEnqueue(Message(9)));
        Assert.False(await sink.EnqueueAsync(Message(9), CancellationToken.None));

        List<int> read = [];
        await foreach (McpOutgoingMessage message in sink.Reader.ReadAllAsync())
        {
            read.Add(Progress(message));
        }

        Assert.Equal([0, 1, 2, 3, 4], read);
        await sink.Reader.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task WaitingReader_IsWokenByAWrite_AndByCompletion()
    {
        var sink = new ChannelMessageSink(4);
        ValueTask<bool> wait = sink.Reader.WaitToReadAsync();
        Assert.False(wait.IsCompleted);

        Assert.True(sink.TryEnqueue(Message(1)));

        Assert.True(await wait.AsTask().WaitAsync(Patience));
        Assert.True(sink.Reader.TryRead(out McpOutgoingMessage? first));
        Assert.Equal(1, Progress(first));

        ValueTask<bool> second = sink.Reader.WaitToReadAsync();
        Assert.False(second.IsCompleted);
        Assert.False(sink.Reader.Completion.IsCompleted);
        sink.Complete();
        Assert.False(await second.AsTask().WaitAsync(Patience));
        await sink.Reader.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task FullSink_RefusesLossyMessages_AndWritersWaitForRoomInOrder()
    {
        var sink = new ChannelMessageSink(2);
        Assert.True(sink.TryEnqueue(Message(0)));
        Assert.True(sink.TryEnqueue(Message(1)));
        Assert.False(sink.TryEnqueue(Message(99)));
        Assert.Equal(2, sink.Count);

        ValueTask<bool> third = sink.EnqueueAsync(Message(2), CancellationToken.None);
        ValueTask<bool> fourth = sink.EnqueueAsync(Message(3), CancellationToken.None);
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);

        Assert.True(sink.Reader.TryRead(out McpOutgoingMessage? message));
        Assert.Equal(0, Progress(message));
        Assert.True(await third.AsTask().WaitAsync(Patience));
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, sink.Count);

        List<int> rest = [];
        while (rest.Count < 3)
        {
            Assert.True(await sink.Reader.WaitToReadAsync().AsTask().WaitAsync(Patience));
            while (sink.Reader.TryRead(out McpOutgoingMessage? next))
            {
                rest.Add(Progress(next));
            }
        }

        Assert.True(await fourth.AsTask().WaitAsync(Patience));
        Assert.Equal([1, 2, 3], rest);
    }

    [Fact]
    public async Task WaitingWriter_IsRefusedWhenTheSinkCompletes_AndACancelledOneLosesItsTurn()
    {
        var sink = new ChannelMessageSink(1);
        Assert.True(sink.TryEnqueue(Message(0)));
        using var cancel = new CancellationTokenSource();
        ValueTask<bool> cancelled = sink.EnqueueAsync(Message(1), cancel.Token);
        ValueTask<bool> waiting = sink.EnqueueAsync(Message(2), CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.AsTask().WaitAsync(Patience));

        // The cancelled writer's message never goes in: the next waiting writer takes the free slot.
        Assert.True(sink.Reader.TryRead(out _));
        Assert.True(await waiting.AsTask().WaitAsync(Patience));
        Assert.True(sink.Reader.TryRead(out McpOutgoingMessage? next));
        Assert.Equal(2, Progress(next));

        Assert.True(sink.TryEnqueue(Message(3)));
        ValueTask<bool> refused = sink.EnqueueAsync(Message(4), CancellationToken.None);
        sink.Complete();
        Assert.False(await refused.AsTask().WaitAsync(Patience));
        Assert.True(sink.Reader.TryRead(out McpOutgoingMessage? last));
        Assert.Equal(3, Progress(last));
        Assert.False(sink.Reader.TryRead(out _));
        await sink.Reader.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task ReaderWait_Cancelled_Throws_AndTheNextWaitStillWorks()
    {
        var sink = new ChannelMessageSink(4);
        using var cancel = new CancellationTokenSource();
        ValueTask<bool> wait = sink.Reader.WaitToReadAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.AsTask().WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.Reader.WaitToReadAsync(cancel.Token).AsTask());
        ValueTask<bool> again = sink.Reader.WaitToReadAsync();
        Assert.True(sink.TryEnqueue(Message(7)));
        Assert.True(await again.AsTask().WaitAsync(Patience));
        Assert.Equal(7, Progress(await sink.Reader.ReadAsync()));
    }

    [Fact]
    public async Task ManyWriters_OneReader_EveryMessageArrivesOnce_AndTheGaugeEndsAtZero()
    {
        await using TestServer server = TestServer.Create(typeof(BasicPrimitives));
        McpResourceGovernor governor = server.Server.Governor;
        var sink = new ChannelMessageSink(3, governor);
        const int Writers = 4;
        const int PerWriter = 500;
        Task reader = Task.Run(async () =>
        {
            var seen = new HashSet<int>();
            await foreach (McpOutgoingMessage message in sink.Reader.ReadAllAsync())
            {
                Assert.True(seen.Add(Progress(message)));
            }

            Assert.Equal(Writers * PerWriter, seen.Count);
        });
        Task[] writers = [.. Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                Assert.True(await sink.EnqueueAsync(Message((w * PerWriter) + i), CancellationToken.None));
            }
        }))];

        await Task.WhenAll(writers).WaitAsync(Patience);
        sink.Complete();
        await reader.WaitAsync(Patience);
        Assert.Equal(0, governor.QueuedMessages());
        Assert.Equal(0, governor.TrackedQueues);
    }

    private static McpOutgoingMessage Message(int i) =>
        McpOutgoingMessage.Notification(McpMethods.NotificationProgress, new ProgressNotificationParams { ProgressToken = new RequestId(i), Progress = i }, McpJsonContext.Default.ProgressNotificationParams);

    private static int Progress(McpOutgoingMessage message)
    {
        using var document = System.Text.Json.JsonDocument.Parse(message.ToArray());
        return document.RootElement.GetProperty("params").GetProperty("progress").GetInt32();
    }
}
