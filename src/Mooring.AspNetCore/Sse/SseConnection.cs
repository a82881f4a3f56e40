using System.Buffers;
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
internal sealed class SseConnection : IDisposable
{
    private readonly HttpContext _context;
    private readonly TimeProvider _time;
    private readonly TimeSpan _writeTimeout;
    private readonly McpResourceGovernor? _governor;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _writeTimer;
    private ITimer? _heartbeatTimer;
    private TimeSpan _heartbeatInterval;
    private int _endReason = -1;
    private long _lastWrite;
    private bool _started;

    public SseConnection(HttpContext context, TimeProvider time, TimeSpan writeTimeout, McpResourceGovernor? governor = null)
    {
        _context = context;
        _time = time;
        _writeTimeout = writeTimeout;
        _governor = governor;

        // One timer for the connection's life, armed around each flush: no allocation per write.
        _writeTimer = time.CreateTimer(static s => ((SseConnection)s!).OnWriteTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
    /// Starts writing <paramref name="beat"/> whenever the connection has been silent for <paramref name="interval"/>;
    /// <paramref name="track"/> owns each heartbeat write.
    /// </summary>
    public void StartHeartbeat(TimeSpan interval, Func<Task> beat, Action<Task> track)
    {
        // A one-shot timer, re-armed by every completed write: the stream is never silent longer than the interval
        // (a periodic timer that checks for silence can let almost two intervals pass, which 10,000 streams showed).
        _heartbeatTimer?.Dispose();
        _heartbeatInterval = interval;
        _heartbeatTimer = _time.CreateTimer(
            _ =>
            {
                if (_done.Task.IsCompleted)
                {
                    return;
                }

                TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _lastWrite));
                if (silent >= interval)
                {
                    track(beat());
                }
                else
                {
                    // A write landed after the timer was armed: wait for the rest of the interval.
                    _heartbeatTimer?.Change(interval - silent, Timeout.InfiniteTimeSpan);
                }
            },
            null,
            interval,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Lets the HTTP response end, recording why (the first reason wins).</summary>
    public void End(McpEndReason reason)
    {
        Interlocked.CompareExchange(ref _endReason, (int)reason, -1);
        _heartbeatTimer?.Dispose();
        _done.TrySetResult();
    }

    public void Dispose()
    {
        _heartbeatTimer?.Dispose();
        _writeTimer.Dispose();
    }

    private void OnWriteTimeout()
    {
        // The client is not reading: end with that reason, then abort so Kestrel releases the socket and its buffers.
        End(McpEndReason.WriteTimeout);
        _context.Abort();
    }

    private async ValueTask<bool> FlushAsync()
    {
        System.IO.Pipelines.PipeWriter writer = _context.Response.BodyWriter;
        long pending = writer.CanGetUnflushedBytes ? writer.UnflushedBytes : 0;
        bool counted = false;
        _writeTimer.Change(_writeTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            ValueTask<System.IO.Pipelines.FlushResult> flush = writer.FlushAsync(_context.RequestAborted);
            if (!flush.IsCompleted && _governor is not null)
            {
                // The client is behind: what it has not taken yet is server memory, shown until the flush ends.
                _governor.AddUnflushedBytes(pending);
                counted = true;
            }

            System.IO.Pipelines.FlushResult result = await flush.ConfigureAwait(false);
            Volatile.Write(ref _lastWrite, _time.GetTimestamp());
            _heartbeatTimer?.Change(_heartbeatInterval, Timeout.InfiniteTimeSpan);
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
            _writeTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (counted)
            {
                _governor!.AddUnflushedBytes(-pending);
            }
        }
    }
}
