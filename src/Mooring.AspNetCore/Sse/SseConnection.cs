using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// One HTTP response carrying an SSE stream. A logical <see cref="SseStream"/> writes to at most one connection at a
/// time; <see cref="Done"/> completes when the stream no longer wants this connection, with <see cref="EndReason"/>
/// saying why (the first reason wins). Every write is bounded by the write timeout: a client that stops reading has its
/// connection aborted. Write failures mean the client is gone: they are values, not exceptions.
/// </summary>
/// <remarks>
/// A connection may be held for hours with nothing to say, ten thousand at once, so what it keeps is small: one timer
/// for both of its deadlines (the write timeout while a flush is pending, the heartbeat while it is silent), static
/// callbacks with the connection as state, and the heartbeat's owner as an <see cref="ISseHeartbeat"/> rather than a
/// closure. The heartbeat write in progress is owned here: <see cref="DisposeAsync"/> waits for it.
/// </remarks>
internal sealed class SseConnection : IAsyncDisposable
{
    private static readonly TimerCallback OnTimerCallback = static s => ((SseConnection)s!).OnTimer();

    private readonly HttpContext _context;
    private readonly TimeProvider _time;
    private readonly TimeSpan _writeTimeout;
    private readonly McpResourceGovernor? _governor;

    // Also the lock that orders the timer's re-arming (flush start and end, heartbeat start, the timer's own callback):
    // a private object, so nothing else can lock on it.
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timer;
    private ISseHeartbeat? _heartbeat;
    private TimeSpan _heartbeatInterval;
    private Task? _beat;
    private long _flushStartedAt;
    private bool _flushing;
    private bool _disposed;
    private CancellationTokenRegistration _abortRegistration;
    private int _endReason = -1;
    private long _lastWrite;
    private bool _started;

    public SseConnection(HttpContext context, TimeProvider time, TimeSpan writeTimeout, McpResourceGovernor? governor = null)
    {
        _context = context;
        _time = time;
        _writeTimeout = writeTimeout;
        _governor = governor;

        // One timer for the connection's life, re-armed around each flush: no allocation per write.
        _timer = time.CreateTimer(OnTimerCallback, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Completes when the stream has let go of this connection.</summary>
    public Task Done => _done.Task;

    /// <summary>Why the connection ended; null while it is open.</summary>
    public McpEndReason? EndReason => Volatile.Read(ref _endReason) is var r and >= 0 ? (McpEndReason)r : null;

    /// <summary>Fires when the client disconnects.</summary>
    public CancellationToken Aborted => _context.RequestAborted;

    /// <summary>Sends the SSE response headers.</summary>
    public async ValueTask<bool> StartAsync(string? sessionId)
    {
        if (_started)
        {
            return true;
        }

        _started = true;
        HttpResponse response = _context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        if (sessionId is not null)
        {
            response.Headers[McpHttpHeaders.SessionId] = sessionId;
        }

        _context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Writes frames produced by <paramref name="write"/> and flushes. False when the client is gone or too slow.</summary>
    public async ValueTask<bool> WriteAsync<TState>(TState state, Action<IBufferWriter<byte>, TState> write)
    {
        if (_done.Task.IsCompleted || _context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            write(_context.Response.BodyWriter, state);
        }
        catch (InvalidOperationException)
        {
            // The response already completed (the request ended underneath us).
            return false;
        }

        return await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// From now on a client disconnect completes <see cref="Done"/> too (without an <see cref="EndReason"/>), and the
    /// returned task is <see cref="Done"/>: for a handler that only waits until the stream lets go of the connection or
    /// the client leaves, whichever comes first. After it, nothing more is written or beaten on this connection; a null
    /// <see cref="EndReason"/> then says the client left first. One registration, kept until disposal, instead of a
    /// second task, a <c>WhenAny</c> and an async frame for every held stream.
    /// </summary>
    public Task WhenReleasedOrAborted()
    {
        _abortRegistration = _context.RequestAborted.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetResult(), _done);
        return _done.Task;
    }

    /// <summary>
    /// Writes a heartbeat through <paramref name="heartbeat"/> whenever the connection has been silent for
    /// <paramref name="interval"/>: due one interval from now, then one interval after every completed write.
    /// </summary>
    public void StartHeartbeat(TimeSpan interval, ISseHeartbeat heartbeat)
    {
        // A one-shot deadline, re-armed by every completed write: the stream is never silent longer than the interval
        // (a periodic timer that checks for silence can let almost two intervals pass, which 10,000 streams showed).
        lock (_done)
        {
            _heartbeat = heartbeat;
            _heartbeatInterval = interval;
            if (!_flushing)
            {
                ArmLocked(interval);
            }
        }
    }

    /// <summary>Lets the HTTP response end, recording why (the first reason wins).</summary>
    public void End(McpEndReason reason)
    {
        Interlocked.CompareExchange(ref _endReason, (int)reason, -1);
        lock (_done)
        {
            _heartbeat = null;
            if (!_flushing)
            {
                // A pending flush keeps its write timeout: a stalled last write must still be cut off.
                ArmLocked(Timeout.InfiniteTimeSpan);
            }
        }

        _done.TrySetResult();
    }

    /// <summary>Stops the timer and waits for a heartbeat write still in progress (bounded by its own write timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        _abortRegistration.Dispose();
        lock (_done)
        {
            _heartbeat = null;
        }

        if (Volatile.Read(ref _beat) is { IsCompleted: false } beat)
        {
            await beat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        lock (_done)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        ISseHeartbeat? heartbeat;
        lock (_done)
        {
            if (_flushing)
            {
                TimeSpan pending = _time.GetElapsedTime(_flushStartedAt);
                if (pending < _writeTimeout)
                {
                    // Fired for a deadline that a flush started since has replaced.
                    ArmLocked(_writeTimeout - pending);
                    return;
                }

                heartbeat = null;
            }
            else
            {
                heartbeat = _heartbeat;
                if (heartbeat is null || _done.Task.IsCompleted)
                {
                    return;
                }

                TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _lastWrite));
                if (silent < _heartbeatInterval)
                {
                    // A write landed after the timer was armed: wait for the rest of the interval.
                    ArmLocked(_heartbeatInterval - silent);
                    return;
                }
            }
        }

        if (heartbeat is null)
        {
            OnWriteTimeout();
            return;
        }

        // Outside the lock: the beat may flush synchronously, and a flush takes it.
        Task beat = heartbeat.BeatAsync(this);
        Task? previous = Volatile.Read(ref _beat);

        // The previous beat finished its flush before this deadline was armed, so it is done or about to be; kept
        // anyway, so that disposal waits for every beat this connection started.
        Volatile.Write(ref _beat, previous is null || previous.IsCompleted ? beat : Task.WhenAll(previous, beat));
    }

    /// <summary>Sets the one deadline; under the lock, so a stale decision can never overwrite a newer one. Not after disposal.</summary>
    private void ArmLocked(TimeSpan due)
    {
        if (!_disposed)
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnWriteTimeout()
    {
        // The client is not reading: end with that reason, then abort so Kestrel releases the socket and its buffers.
        End(McpEndReason.WriteTimeout);
        _context.Abort();
    }

    private async ValueTask<bool> FlushAsync()
    {
        PipeWriter writer = _context.Response.BodyWriter;
        long pending = writer.CanGetUnflushedBytes ? writer.UnflushedBytes : 0;
        bool counted = false;
        lock (_done)
        {
            _flushing = true;
            _flushStartedAt = _time.GetTimestamp();
            ArmLocked(_writeTimeout);
        }

        try
        {
            ValueTask<FlushResult> flush = writer.FlushAsync(_context.RequestAborted);
            if (!flush.IsCompleted && _governor is not null)
            {
                // The client is behind: what it has not taken yet is server memory, shown until the flush ends.
                _governor.AddUnflushedBytes(pending);
                counted = true;
            }

            FlushResult result = await flush.ConfigureAwait(false);
            Volatile.Write(ref _lastWrite, _time.GetTimestamp());
            return !result.IsCanceled && !result.IsCompleted && EndReason != McpEndReason.WriteTimeout;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            // Includes ConnectionResetException: the client reset the connection.
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            lock (_done)
            {
                _flushing = false;

                // Silent from now on: the heartbeat is due one interval after this write.
                ArmLocked(_heartbeat is null ? Timeout.InfiniteTimeSpan : _heartbeatInterval);
            }

            if (counted)
            {
                _governor!.AddUnflushedBytes(-pending);
            }
        }
    }
}
