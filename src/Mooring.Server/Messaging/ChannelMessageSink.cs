using System.Threading.Channels;

namespace Mooring.Server;

/// <summary>
/// A bounded, ordered <see cref="McpMessageSink"/> backed by a channel with one reader: the transport's pump reads
/// <see cref="Reader"/> and writes each message out. Lossy senders (<see cref="TryEnqueue"/>) are refused when it is
/// full; others wait for room. <see cref="Complete"/> ends it. Given a governor, its depth counts in
/// <c>mcp.server.outbound.queue.messages</c> until it is completed and read to the end.
/// </summary>
public sealed class ChannelMessageSink : McpMessageSink
{
    private readonly Channel<McpOutgoingMessage> _channel;

    /// <summary>Creates a sink holding at most <paramref name="capacity"/> messages.</summary>
    /// <param name="capacity">The most messages it holds; senders wait (or lossy ones are refused) when it is full.</param>
    /// <param name="governor">Counts the queue's depth while it lives; null counts nothing.</param>
    public ChannelMessageSink(int capacity, McpResourceGovernor? governor = null)
    {
        _channel = Channel.CreateBounded<McpOutgoingMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (governor is not null)
        {
            ChannelReader<McpOutgoingMessage> reader = _channel.Reader;
            governor.TrackQueue(this, () => reader.Count);
            _ = reader.Completion.ContinueWith(static (_, s) => ((Action)s!)(), () => governor.UntrackQueue(this), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Messages waiting now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>The messages, in order, for the transport's pump.</summary>
    public ChannelReader<McpOutgoingMessage> Reader => _channel.Reader;

    /// <inheritdoc />
    public override bool TryEnqueue(McpOutgoingMessage message) => _channel.Writer.TryWrite(message);

    /// <inheritdoc />
    public override async ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Ends the sink: later messages are refused, the reader finishes after the queued ones.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
