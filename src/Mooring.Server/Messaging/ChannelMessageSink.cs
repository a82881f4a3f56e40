using System.Threading.Channels;

namespace Mooring.Server;

/// <summary>
/// A bounded, ordered <see cref="McpMessageSink"/> with one reader: the transport's pump reads <see cref="Reader"/>
/// and writes each message out. Lossy senders (<see cref="TryEnqueue"/>) are refused when it is full; others wait for
/// room. <see cref="Complete"/> ends it. Given a governor, its depth counts in <c>mcp.server.outbound.queue.messages</c>
/// until it is completed and read to the end.
/// </summary>
/// <remarks>
/// The reader is a queue of Mooring's own rather than a <see cref="Channel"/>: a held stream keeps its sink for hours,
/// mostly empty, and a bounded channel's preallocated machinery was most of what such a stream held (see
/// <c>McpMessageQueue</c>). It behaves as the bounded channel with <c>SingleReader</c> did.
/// </remarks>
public sealed class ChannelMessageSink : McpMessageSink
{
    private readonly McpMessageQueue _queue;

    /// <summary>Creates a sink holding at most <paramref name="capacity"/> messages.</summary>
    /// <param name="capacity">The most messages it holds; senders wait (or lossy ones are refused) when it is full.</param>
    /// <param name="governor">Counts the queue's depth while it lives; null counts nothing.</param>
    public ChannelMessageSink(int capacity, McpResourceGovernor? governor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _queue = new McpMessageQueue(capacity, governor, this);

        // A static callback with the sink as state: no delegate or closure per sink.
        governor?.TrackQueue(this, static sink => ((ChannelMessageSink)sink).Count);
    }

    /// <summary>Messages waiting now.</summary>
    public int Count => _queue.Count;

    /// <summary>The messages, in order, for the transport's pump (one reader).</summary>
    public ChannelReader<McpOutgoingMessage> Reader => _queue;

    /// <inheritdoc />
    public override bool TryEnqueue(McpOutgoingMessage message) => _queue.TryWrite(message);

    /// <inheritdoc />
    public override ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken) => _queue.WriteAsync(message, cancellationToken);

    /// <summary>Ends the sink: later messages are refused, the reader finishes after the queued ones.</summary>
    public void Complete() => _queue.Complete();
}
