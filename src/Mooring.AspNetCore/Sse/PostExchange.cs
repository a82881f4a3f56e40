using System.Threading.Channels;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// The sink of one POST request: messages the handler sends before its response (progress, logs, server requests)
/// queue here, bounded. The endpoint answers with plain JSON when nothing was queued by the time the handler
/// finished, and switches to an SSE stream as soon as something is. The queue itself is created on the first
/// message, so the common JSON answer costs no channel. A created queue counts in the governor's
/// <c>mcp.server.outbound.queue.messages</c> until it is completed and read to the end.
/// </summary>
internal sealed class PostExchange : McpMessageSink
{
    private readonly int _capacity;
    private readonly bool _canReconnect;
    private readonly McpResourceGovernor? _governor;
    private Channel<OutboundItem>? _channel;
    private int _completed;

    public PostExchange(int capacity, bool canReconnect, McpResourceGovernor? governor = null)
    {
        _capacity = capacity;
        _canReconnect = canReconnect;
        _governor = governor;
    }

    /// <summary>True once anything was queued (the answer must become an SSE stream).</summary>
    public bool HasQueued => Volatile.Read(ref _channel) is { } channel && channel.Reader.TryPeek(out _);

    public ChannelReader<OutboundItem> Reader => Channel.Reader;

    private Channel<OutboundItem> Channel
    {
        get
        {
            Channel<OutboundItem>? channel = Volatile.Read(ref _channel);
            if (channel is not null)
            {
                return channel;
            }

            var created = System.Threading.Channels.Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(_capacity)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            });
            Channel<OutboundItem>? existing = Interlocked.CompareExchange(ref _channel, created, null);
            Channel<OutboundItem> winner = existing ?? created;
            if (existing is null && _governor is { } governor)
            {
                ChannelReader<OutboundItem> reader = created.Reader;
                governor.TrackQueue(this, () => reader.Count);
                _ = reader.Completion.ContinueWith(static (_, s) => ((Action)s!)(), () => governor.UntrackQueue(this), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (Volatile.Read(ref _completed) == 1)
            {
                // Created after the handler finished (a stray late sender): born complete, so no reader waits on it.
                winner.Writer.TryComplete();
            }

            return winner;
        }
    }

    public override bool TryEnqueue(McpOutgoingMessage message) => Channel.Writer.TryWrite(new OutboundItem(message, null));

    public override async ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Channel.Writer.WriteAsync(new OutboundItem(message, null), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    public override async ValueTask<bool> CloseForReconnectAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (!_canReconnect)
        {
            return false;
        }

        try
        {
            await Channel.Writer.WriteAsync(new OutboundItem(null, retryAfter), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>No more messages: the handler finished. A channel never created stays uncreated.</summary>
    public void Complete()
    {
        Volatile.Write(ref _completed, 1);
        Volatile.Read(ref _channel)?.Writer.TryComplete();
    }
}
