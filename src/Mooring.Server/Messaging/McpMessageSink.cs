namespace Mooring.Server;

/// <summary>
/// Where a transport takes messages the server sends outside a response: the SSE stream of a POST, the GET stream of
/// a session, or stdout. Sinks keep the order messages were handed in and are bounded; they never block the caller
/// indefinitely.
/// </summary>
public abstract class McpMessageSink
{
    /// <summary>
    /// Queues a message without waiting. Returns false when the sink is closed or full; callers use this for lossy
    /// traffic such as progress and log notifications.
    /// </summary>
    public abstract bool TryEnqueue(McpOutgoingMessage message);

    /// <summary>Queues a message, waiting for room. Returns false when the sink is closed.</summary>
    public abstract ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the transport to close the client's connection without ending the logical stream, telling the client to
    /// reconnect after <paramref name="retryAfter"/> (the SSE polling pattern). Messages sent later are kept for the
    /// client's resumption. Returns false when the transport cannot do that (stdio, JSON responses, no event store).
    /// </summary>
    public virtual ValueTask<bool> CloseForReconnectAsync(TimeSpan retryAfter, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
