using System.Threading.Channels;

namespace Mooring.Server.Stdio;

/// <summary>Everything the server sends goes through this one ordered, bounded queue to stdout.</summary>
internal sealed class StdoutSink : McpMessageSink
{
    private readonly Channel<McpOutgoingMessage> _channel;

    public StdoutSink(int capacity) => _channel = Channel.CreateBounded<McpOutgoingMessage>(new BoundedChannelOptions(capacity)
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
