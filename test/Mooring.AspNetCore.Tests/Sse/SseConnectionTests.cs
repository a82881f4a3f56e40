using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Mooring.Server;

namespace Mooring.AspNetCore.Tests.Sse;

/// <summary>
/// One timer serves both deadlines of an SSE connection: the write timeout while a flush is pending, the heartbeat
/// while it is silent. These check, at the boundary, that neither deadline steals the other's, that the heartbeat write
/// is owned by the connection, and that a client abort releases a held connection.
/// </summary>
public sealed class SseConnectionTests
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task HeartbeatDeadline_PassingDuringAStalledFlush_NeitherBeatsNorCutsIt_TheWriteTimeoutDoes()
    {
        var time = new FakeTimeProvider();
        var body = new GatedStream();
        await using var connection = new SseConnection(Context(body), time, WriteTimeout);
        Assert.True(await connection.StartAsync(sessionId: null));
        var heartbeat = new RecordingHeartbeat();
        connection.StartHeartbeat(Heartbeat, heartbeat);

        time.Advance(TimeSpan.FromSeconds(14));
        body.Stall();
        ValueTask<bool> write = connection.WriteAsync(0, static (w, _) => w.Write("data: x\n\n"u8));
        Assert.False(write.IsCompleted);

        // The heartbeat was due at 15 s; the flush that started at 14 s is not cut until 24 s.
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(WriteTimeout - TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.Equal(0, heartbeat.Beats);
        Assert.Null(connection.EndReason);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(McpEndReason.WriteTimeout, connection.EndReason);
        body.Release();
        Assert.False(await write);
        Assert.True(connection.Done.IsCompleted);
    }

    [Fact]
    public async Task Heartbeat_ComesOneIntervalAfterTheLastWrite_AndDisposalWaitsForIt()
    {
        var time = new FakeTimeProvider();
        var connection = new SseConnection(Context(new GatedStream()), time, WriteTimeout);
        Assert.True(await connection.StartAsync(sessionId: null));
        var heartbeat = new RecordingHeartbeat();
        connection.StartHeartbeat(Heartbeat, heartbeat);

        time.Advance(Heartbeat / 2);
        Assert.True(await connection.WriteAsync(0, static (w, _) => w.Write("data: x\n\n"u8)));
        time.Advance(Heartbeat - TimeSpan.FromTicks(1));
        Assert.Equal(0, heartbeat.Beats);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, heartbeat.Beats);

        ValueTask disposed = connection.DisposeAsync();
        Assert.False(disposed.IsCompleted, "Disposal must wait for the heartbeat write the connection started.");
        heartbeat.Finish();
        await disposed;
    }

    [Fact]
    public async Task WhenReleasedOrAborted_ClientAborts_CompletesWithoutAnEndReason_AndNoHeartbeatFollows()
    {
        var time = new FakeTimeProvider();
        using var aborted = new CancellationTokenSource();
        HttpContext context = Context(new GatedStream());
        context.RequestAborted = aborted.Token;
        await using var connection = new SseConnection(context, time, WriteTimeout);
        Assert.True(await connection.StartAsync(sessionId: null));
        var heartbeat = new RecordingHeartbeat();
        connection.StartHeartbeat(Heartbeat, heartbeat);
        Task released = connection.WhenReleasedOrAborted();
        Assert.False(released.IsCompleted);

        await aborted.CancelAsync();

        await released.WaitAsync(ToolProbe.WaitLimit);
        Assert.Null(connection.EndReason);
        Assert.False(await connection.WriteAsync(0, static (w, _) => w.Write("data: x\n\n"u8)));
        time.Advance(Heartbeat * 2);
        Assert.Equal(0, heartbeat.Beats);
    }

    [Fact]
    public async Task WhenReleasedOrAborted_StreamEndsTheConnection_CompletesWithItsReason()
    {
        await using var connection = new SseConnection(Context(new GatedStream()), new FakeTimeProvider(), WriteTimeout);
        Task released = connection.WhenReleasedOrAborted();

        connection.End(McpEndReason.Superseded);

        await released.WaitAsync(ToolProbe.WaitLimit);
        Assert.Equal(McpEndReason.Superseded, connection.EndReason);
    }

    private static DefaultHttpContext Context(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return context;
    }

    private sealed class RecordingHeartbeat : ISseHeartbeat
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Beats { get; private set; }

        public Task BeatAsync(SseConnection connection)
        {
            Beats++;
            return _finished.Task;
        }

        public void Finish() => _finished.TrySetResult();
    }

    /// <summary>A response body whose writes can be held back, as a client that stops reading holds a flush.</summary>
    private sealed class GatedStream : Stream
    {
        private TaskCompletionSource _open = CreateOpen();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Stall() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _open.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await _open.Task.WaitAsync(cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static TaskCompletionSource CreateOpen()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
