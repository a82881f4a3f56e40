using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// Writes the events of one <c>subscriptions/listen</c> stream: notifications from its pump and heartbeats from its
/// connection's timer go through one gate, so the two never interleave on the wire.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle (only WaitAsync/Release are used).")]
internal sealed class SseListenWriter : ISseHeartbeat
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SseConnection _connection;

    public SseListenWriter(SseConnection connection) => _connection = connection;

    /// <summary>Writes one message as an event (no event id: listen streams are not resumable). False when the client is gone.</summary>
    public async ValueTask<bool> WriteAsync(McpOutgoingMessage message)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await WriteEventAsync(_connection, message).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the first event before the heartbeat starts (nothing else writes yet, so no gate).</summary>
    public static ValueTask<bool> WriteEventAsync(SseConnection connection, McpOutgoingMessage message) =>
        connection.WriteAsync(message, static (w, m) => SseFrames.WriteEvent(w, null, m));

    public async Task BeatAsync(SseConnection connection)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!await connection.WriteAsync(0, static (w, _) => SseFrames.WriteComment(w, "heartbeat")).ConfigureAwait(false))
            {
                connection.End(connection.EndReason ?? McpEndReason.HeartbeatFailed);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
