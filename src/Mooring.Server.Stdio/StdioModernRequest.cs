using System.Diagnostics.CodeAnalysis;
using Mooring.Protocol;

namespace Mooring.Server.Stdio;

/// <summary>
/// One modern request in flight on stdio (a call, or a <c>subscriptions/listen</c> stream), and the gate every
/// message about it passes on the way to stdout. stdio has no per-request stream to close, so the client cancels with
/// <c>notifications/cancelled</c>; after that the spec says the server "MUST NOT send any further messages for it",
/// so this sink refuses the handler's notifications and <see cref="TryFinish"/> withholds the response.
/// </summary>
/// <remarks>
/// A notification that was already queued when the cancellation arrived may still reach stdout: the spec's timing
/// rules expect that race ("cancellation notifications may arrive after request processing has completed").
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The token source has no timer and its wait handle is never used, so it holds nothing to dispose; not disposing it lets the reader cancel without racing the handler's exit.")]
internal sealed class StdioModernRequest : McpMessageSink
{
    private const int Running = 0;
    private const int CancelledByClientState = 1;
    private const int ShuttingDownState = 2;
    private const int Finished = 3;

    private readonly McpMessageSink _output;
    private readonly CancellationTokenSource _cancellation = new();
    private int _state;

    public StdioModernRequest(RequestId id, McpMessageSink output)
    {
        Id = id;
        _output = output;
    }

    /// <summary>The request's JSON-RPC id (for a listen stream, also its subscription id).</summary>
    public RequestId Id { get; }

    /// <summary>Fires when the client cancels the request or the transport shuts down.</summary>
    public CancellationToken Cancelled => _cancellation.Token;

    /// <summary>True once the client cancelled the request: nothing more may be written for it.</summary>
    public bool IsCancelledByClient => Volatile.Read(ref _state) == CancelledByClientState;

    /// <summary>The client sent <c>notifications/cancelled</c> for this request. False when it had already ended.</summary>
    public bool CancelByClient() => Cancel(CancelledByClientState);

    /// <summary>stdin closed or the host is stopping: the handler stops, but its answer (or a listen teardown) may still go out.</summary>
    public bool CancelForShutdown() => Cancel(ShuttingDownState);

    /// <summary>
    /// Claims the right to write the final message(s) of the request. False when the client cancelled it (it gets no
    /// response) or it was already finished; afterwards the handler's notifications are refused.
    /// </summary>
    public bool TryFinish()
    {
        int state = Volatile.Read(ref _state);
        while (state is Running or ShuttingDownState)
        {
            int seen = Interlocked.CompareExchange(ref _state, Finished, state);
            if (seen == state)
            {
                return true;
            }

            state = seen;
        }

        return false;
    }

    /// <inheritdoc />
    public override bool TryEnqueue(McpOutgoingMessage message) => Volatile.Read(ref _state) == Running && _output.TryEnqueue(message);

    /// <inheritdoc />
    public override async ValueTask<bool> EnqueueAsync(McpOutgoingMessage message, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _state) != Running)
        {
            return false;
        }

        if (_output.TryEnqueue(message))
        {
            return true;
        }

        // Waiting for room on stdout ends when the request is cancelled: a cancelled request's messages are not wanted.
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token);
        try
        {
            return await _output.EnqueueAsync(message, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private bool Cancel(int state)
    {
        if (Interlocked.CompareExchange(ref _state, state, Running) != Running)
        {
            return false;
        }

        _cancellation.Cancel();
        return true;
    }
}
