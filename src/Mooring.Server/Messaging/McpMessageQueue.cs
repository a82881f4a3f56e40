using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace Mooring.Server;

/// <summary>
/// The bounded, ordered, single-reader queue behind <see cref="ChannelMessageSink"/>, and its reader. It does what
/// <c>Channel.CreateBounded</c> with <c>SingleReader</c> and <see cref="BoundedChannelFullMode.Wait"/> did for the
/// sink, in one small object: a session's GET stream and every <c>subscriptions/listen</c> stream hold one for as
/// long as the client stays, usually empty, and the channel's reader, writer, deque and four preallocated wait
/// operations (about 600 bytes) were most of a held stream's own state. Waiting writers (a full queue, rare) are
/// allocated when they wait; the reader's wait reuses one <see cref="ManualResetValueTaskSourceCore{TResult}"/>.
/// When the queue is completed and read to its end it stops counting in the governor's queue gauge itself.
/// </summary>
internal sealed class McpMessageQueue : ChannelReader<McpOutgoingMessage>, IValueTaskSource<bool>
{
    private static readonly Action<object?, CancellationToken> CancelWaitCallback = static (s, token) => ((McpMessageQueue)s!).CancelWait(token);
    private static readonly Action<object?, CancellationToken> CancelWriterCallback = static (s, token) => ((BlockedWriter)s!).Cancel(token);

    private readonly int _capacity;

    // Also the lock for every field below: a private object, never handed out.
    private readonly Queue<McpOutgoingMessage> _items = new();
    private readonly McpResourceGovernor? _governor;
    private readonly object _trackedAs;
    private Queue<BlockedWriter>? _blockedWriters;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private bool _readerWaiting;
    private CancellationToken _waiterToken;
    private CancellationTokenRegistration _waiterRegistration;
    private TaskCompletionSource? _completion;
    private bool _writerDone;
    private bool _drained;

    /// <param name="capacity">The most messages it holds.</param>
    /// <param name="governor">Counts the queue in <c>mcp.server.outbound.queue.messages</c> under <paramref name="trackedAs"/> until drained; null counts nothing.</param>
    /// <param name="trackedAs">The key the governor knows the queue by (the sink).</param>
    public McpMessageQueue(int capacity, McpResourceGovernor? governor, object trackedAs)
    {
        _capacity = capacity;
        _governor = governor;
        _trackedAs = trackedAs;
    }

    /// <inheritdoc />
    public override bool CanCount => true;

    /// <inheritdoc />
    public override bool CanPeek => true;

    /// <inheritdoc />
    public override int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Completes when the queue was completed and every message in it read.</summary>
    public override Task Completion
    {
        get
        {
            lock (_items)
            {
                return _drained ? Task.CompletedTask : (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Queues without waiting; false when full or completed.</summary>
    public bool TryWrite(McpOutgoingMessage message)
    {
        lock (_items)
        {
            if (_writerDone || _items.Count >= _capacity)
            {
                return false;
            }

            _items.Enqueue(message);
            WakeReaderLocked(true);
            return true;
        }
    }

    /// <summary>Queues, waiting for room; false when the queue is (or becomes, while waiting) completed.</summary>
    public ValueTask<bool> WriteAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        BlockedWriter blocked;
        lock (_items)
        {
            if (_writerDone)
            {
                return new ValueTask<bool>(false);
            }

            if (_items.Count < _capacity)
            {
                _items.Enqueue(message);
                WakeReaderLocked(true);
                return new ValueTask<bool>(true);
            }

            blocked = new BlockedWriter(this, message);
            (_blockedWriters ??= new Queue<BlockedWriter>()).Enqueue(blocked);
        }

        return blocked.WaitAsync(cancellationToken);
    }

    /// <summary>No more messages: waiting writers are refused; the reader finishes after the queued ones.</summary>
    public void Complete()
    {
        lock (_items)
        {
            if (_writerDone)
            {
                return;
            }

            _writerDone = true;
            while (_blockedWriters?.TryDequeue(out BlockedWriter? blocked) == true)
            {
                blocked.Finish(false);
            }

            if (_items.Count == 0)
            {
                DrainedLocked();
                WakeReaderLocked(false);
            }
        }
    }

    /// <inheritdoc />
    public override bool TryRead(out McpOutgoingMessage item)
    {
        lock (_items)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }

            // A slot is free: the oldest waiting writer takes it, in order.
            while (_blockedWriters?.TryDequeue(out BlockedWriter? blocked) == true)
            {
                if (blocked.Finish(true))
                {
                    _items.Enqueue(blocked.Message);
                    break;
                }
            }

            if (_writerDone && _items.Count == 0)
            {
                DrainedLocked();
            }

            return true;
        }
    }

    /// <inheritdoc />
    public override bool TryPeek(out McpOutgoingMessage item)
    {
        lock (_items)
        {
            return _items.TryPeek(out item!);
        }
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        lock (_items)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_writerDone)
            {
                return new ValueTask<bool>(false);
            }

            if (_readerWaiting)
            {
                throw new InvalidOperationException("The queue has a single reader; it is already waiting.");
            }

            _waiter.Reset();
            _readerWaiting = true;
            _waiterToken = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                _waiterRegistration = cancellationToken.UnsafeRegister(CancelWaitCallback, this);
            }

            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private void WakeReaderLocked(bool result)
    {
        if (!_readerWaiting)
        {
            return;
        }

        _readerWaiting = false;

        // Unregister, not Dispose: Dispose would wait for a cancellation callback running now, which needs this lock.
        _waiterRegistration.Unregister();
        _waiterRegistration = default;
        _waiterToken = default;
        _waiter.SetResult(result);
    }

    private void CancelWait(CancellationToken token)
    {
        lock (_items)
        {
            // Only the wait this token belongs to: a wait started later with the same token was refused at its start,
            // since the token was cancelled by then.
            if (_readerWaiting && _waiterToken == token)
            {
                _readerWaiting = false;
                _waiterRegistration = default;
                _waiterToken = default;
                _waiter.SetException(new OperationCanceledException(token));
            }
        }
    }

    private void DrainedLocked()
    {
        if (_drained)
        {
            return;
        }

        _drained = true;
        _completion?.TrySetResult();
        _governor?.UntrackQueue(_trackedAs);
    }

    /// <summary>A writer waiting for room in a full queue.</summary>
    private sealed class BlockedWriter
    {
        private readonly McpMessageQueue _queue;
        private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _finished;

        public BlockedWriter(McpMessageQueue queue, McpOutgoingMessage message)
        {
            _queue = queue;
            Message = message;
        }

        public McpOutgoingMessage Message { get; }

        public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.UnsafeRegister(CancelWriterCallback, this))
            {
                return await _done.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Under the queue's lock: true when this call settled the writer (its message goes in, or it is refused).</summary>
        public bool Finish(bool accepted)
        {
            if (_finished)
            {
                return false;
            }

            _finished = true;
            _done.TrySetResult(accepted);
            return true;
        }

        public void Cancel(CancellationToken token)
        {
            lock (_queue._items)
            {
                if (_finished)
                {
                    return;
                }

                // Left in the queue of writers, skipped when its turn comes.
                _finished = true;
            }

            _done.TrySetCanceled(token);
        }
    }
}
