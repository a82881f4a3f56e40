using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>
/// An in-memory sink that counts and drops what it is given. The echo tool sends nothing before its response,
/// so a non-zero <see cref="Count"/> after a run means the benchmark measured something else.
/// </summary>
internal sealed class NullMessageSink : McpMessageSink
{
    public int Count { get; private set; }

    public override bool TryEnqueue(McpOutgoingMessage message)
    {
        Count++;
        return true;
    }

    public override ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        Count++;
        return ValueTask.FromResult(true);
    }
}
