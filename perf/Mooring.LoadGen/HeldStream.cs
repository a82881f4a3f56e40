using System.Diagnostics;
using System.Net.Sockets;

namespace Mooring.LoadGen;

/// <summary>
/// One long-lived SSE stream held open: after its head, every arrival is only timed and dropped. The longest silence
/// that ends inside the hold window is the figure: with heartbeats on time, it is about the heartbeat interval.
/// </summary>
internal sealed class HeldStream : IDisposable
{
    private readonly HttpConnection _connection;
    private long _lastReceive;
    private long _maxGap;
    private long _receivesInWindow;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _closedAt;

    private HeldStream(HttpConnection connection, long opened)
    {
        _connection = connection;
        _lastReceive = opened;
    }

    /// <summary>The reading loop, started by <see cref="OpenAsync"/>; it ends when the stream closes.</summary>
    public Task Reader { get; private set; } = Task.CompletedTask;

    /// <summary>When the server ended the stream (a <see cref="Stopwatch"/> timestamp), or 0 while it is open.</summary>
    public long ClosedAt => Volatile.Read(ref _closedAt);

    public long ReceivesInWindow => Volatile.Read(ref _receivesInWindow);

    /// <summary>
    /// Sends <paramref name="request"/> on a new connection and reads the head: it must be 2xx <c>text/event-stream</c>.
    /// Then starts <see cref="Reader"/>.
    /// </summary>
    public static async Task<(HeldStream? Stream, ExchangeOutcome Outcome)> OpenAsync(LoadGenOptions options, byte[] request, CancellationToken abort)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timeout.CancelAfter(options.RequestTimeout);
        HttpConnection? connection = null;
        try
        {
            connection = await HttpConnection.ConnectAsync(options.EndPoint, timeout.Token, HttpConnection.SmallBufferSize);
            var pending = request.AsMemory();
            while (!pending.IsEmpty)
            {
                pending = pending[await connection.SendSomeAsync(pending, timeout.Token)..];
            }

            while (true)
            {
                var status = connection.TryReadHead(captureSessionId: false, out var parsed);
                if (status != ReadStatus.Progress)
                {
                    return (null, status == ReadStatus.TooLarge ? ExchangeOutcome.TooLarge : ExchangeOutcome.Malformed);
                }

                if (parsed && connection.StatusCode >= 200)
                {
                    break;
                }

                if (!parsed)
                {
                    var received = await connection.ReceiveSomeAsync(timeout.Token);
                    if (received <= 0)
                    {
                        return (null, received < 0 ? ExchangeOutcome.TooLarge : ExchangeOutcome.Closed);
                    }

                    connection.OnReceived(received);
                }
            }

            if (connection.StatusCode is < 200 or > 299)
            {
                return (null, ExchangeOutcome.HttpStatus);
            }

            if (connection.ContentKind != ContentKind.EventStream)
            {
                return (null, ExchangeOutcome.ContentType);
            }

            connection.DiscardReceived();
            var stream = new HeldStream(connection, Stopwatch.GetTimestamp());
            connection = null;
            stream.Reader = stream.ReadAsync(abort);
            return (stream, ExchangeOutcome.Ok);
        }
        catch (OperationCanceledException)
        {
            return (null, ExchangeOutcome.Timeout);
        }
        catch (SocketException)
        {
            return (null, ExchangeOutcome.SocketError);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>From now on, silences that end between <paramref name="start"/> and <paramref name="end"/> are recorded.</summary>
    public void SetWindow(long start, long end)
    {
        Volatile.Write(ref _windowEnd, end);
        Volatile.Write(ref _windowStart, start);
    }

    /// <summary>
    /// The longest silence ending in the window, in <see cref="Stopwatch"/> ticks, counting a silence still running at its
    /// end (a stream that got nothing since long before gives that whole time).
    /// </summary>
    public long MaxGapTicks()
    {
        var end = Volatile.Read(ref _windowEnd);
        var closedAt = ClosedAt;
        var until = closedAt != 0 && closedAt < end ? closedAt : end;
        return Math.Max(Volatile.Read(ref _maxGap), until - Volatile.Read(ref _lastReceive));
    }

    public void Dispose() => _connection.Dispose();

    private async Task ReadAsync(CancellationToken abort)
    {
        try
        {
            while (true)
            {
                var received = await _connection.ReceiveSomeAsync(abort);
                var now = Stopwatch.GetTimestamp();
                if (received <= 0)
                {
                    break;
                }

                _connection.OnReceived(received);
                _connection.DiscardReceived();
                if (now >= Volatile.Read(ref _windowStart) && now <= Volatile.Read(ref _windowEnd))
                {
                    Volatile.Write(ref _maxGap, Math.Max(_maxGap, now - _lastReceive));
                    Volatile.Write(ref _receivesInWindow, _receivesInWindow + 1);
                }

                Volatile.Write(ref _lastReceive, now);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed by us (dispose), by the server, or the run's deadline: the stream is over either way.
        }

        Volatile.Write(ref _closedAt, Stopwatch.GetTimestamp());
    }
}
