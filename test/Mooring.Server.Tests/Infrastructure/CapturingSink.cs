using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="McpMessageSink"/>: serializes every message the server hands it (as a transport would)
/// and keeps it for assertions, in order. Can be closed to model a client whose stream went away.
/// </summary>
internal sealed class CapturingSink : McpMessageSink
{
    private readonly ConcurrentQueue<JsonNode> _all = new();
    private readonly Channel<JsonNode> _arrivals = Channel.CreateUnbounded<JsonNode>();
    private volatile bool _closed;

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<JsonNode> Messages => [.. _all];

    /// <summary>When true, the sink refuses messages like a closed stream.</summary>
    public bool Closed
    {
        get => _closed;
        set => _closed = value;
    }

    public override bool TryEnqueue(McpOutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_closed)
        {
            return false;
        }

        byte[] bytes = message.ToArray();

        // Every transport frames one message per line (stdio) or data line (SSE): newlines would break them.
        Assert.DoesNotContain((byte)'\n', bytes);
        JsonNode node = JsonNode.Parse(bytes)!;
        _all.Enqueue(node);
        _arrivals.Writer.TryWrite(node);
        return true;
    }

    public override ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryEnqueue(message));

    /// <summary>Waits for the next message not yet taken by this method (they arrive in order).</summary>
    public async Task<JsonNode> NextAsync() =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TestServer.Patience).ConfigureAwait(false);

    /// <summary>The notifications with <paramref name="method"/> received so far.</summary>
    public IReadOnlyList<JsonNode> Notifications(string method) =>
        [.. Messages.Where(m => m["id"] is null && (string?)m["method"] == method)];
}
