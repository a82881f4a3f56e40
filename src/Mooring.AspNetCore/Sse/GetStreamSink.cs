using System.Threading.Channels;
using Mooring.Server;

namespace Mooring.AspNetCore;

/// <summary>
/// The session-level sink: messages unrelated to a request (list changes, resource updates, server requests made
/// outside a request) go to the session's GET stream. Bounded; lossy notifications are dropped when full.
/// </summary>
internal sealed class GetStreamSink : McpMessageSink
{
    private readonly Channel<McpOutgoingMessage> _channel;

    public GetStreamSink(int capacity) => _channel = Channel.CreateBounded<McpOutgoingMessage>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<McpOutgoingMessage> Reader => _channel.Reader;

    public override bool TryEnqueue(McpOutgoingMessage message) => _channel.Writer.TryWrite(message);

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

    public void Complete() => _channel.Writer.TryComplete();
}
