using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mooring.AspNetCore;

/// <summary>
/// One HTTP response carrying an SSE stream. A logical <see cref="SseStream"/> writes to at most one connection at a
/// time; <see cref="Done"/> completes when the stream no longer wants this connection (finished, superseded, or
/// closed for the client to reconnect). Write failures mean the client is gone: they are values, not exceptions.
/// </summary>
internal sealed class SseConnection
{
    private readonly HttpContext _context;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;

    public SseConnection(HttpContext context) => _context = context;

    /// <summary>Completes when the stream has let go of this connection.</summary>
    public Task Done => _done.Task;

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

    /// <summary>Writes frames produced by <paramref name="write"/> and flushes. False when the client is gone.</summary>
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

    /// <summary>Lets the HTTP response end.</summary>
    public void End() => _done.TrySetResult();

    private async ValueTask<bool> FlushAsync()
    {
        try
        {
            System.IO.Pipelines.FlushResult result = await _context.Response.BodyWriter.FlushAsync(_context.RequestAborted).ConfigureAwait(false);
            return !result.IsCanceled && !result.IsCompleted;
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
    }
}
