using System.Threading.Channels;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// The sink of one POST request: messages the handler sends before its response (progress, logs, server requests)
/// queue here, bounded. The endpoint answers with plain JSON when nothing was queued by the time the handler
/// finished, and switches to an SSE stream as soon as something is.
/// </summary>
internal sealed class PostExchange : McpMessageSink
{
    private readonly Channel<OutboundItem> _channel;
    private readonly bool _canReconnect;

    public PostExchange(int capacity, bool canReconnect)
    {
        _canReconnect = canReconnect;
        _channel = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<OutboundItem> Reader => _channel.Reader;

    public override bool TryEnqueue(McpOutgoingMessage message) => _channel.Writer.TryWrite(new OutboundItem(message, null));

    public override async ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(new OutboundItem(message, null), cancellationToken).ConfigureAwait(false);
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
            await _channel.Writer.WriteAsync(new OutboundItem(null, retryAfter), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>No more messages: the handler finished.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
