using System.Diagnostics;

namespace Mooring.LoadGen;

/// <summary>
/// The response side of one JSON-RPC request, as a synchronous state machine over an <see cref="HttpConnection"/>:
/// the head, then an application/json body, or a text/event-stream whose events are read until the one carrying
/// the response with the awaited id, then the rest of that stream to its end. One per connection, reused.
/// </summary>
/// <remarks>
/// The I/O loop that feeds it is written out by each caller (see <see cref="ExchangeAsync"/>) rather than
/// wrapped in an async method per request, whose state machine box would be allocated per request.
/// </remarks>
internal sealed class RpcExchange
{
    private readonly SseEventParser _events = new();
    private State _state;
    private long _expectedId;
    private byte[]? _expectedText;
    private bool _expectResponse;
    private bool _captureSessionId;
    private bool _requireProgress;
    private ExchangeOutcome _outcome;

    private enum State
    {
        Head,
        JsonBody,
        EventStream,
        RestOfBody,
        Done,
    }

    /// <summary>Progress notifications read before the awaited response.</summary>
    public int ProgressEvents { get; private set; }

    /// <summary>When the awaited response was complete: the end of a JSON body, or the end of the SSE event carrying it.</summary>
    public long ResponseTimestamp { get; private set; }

    /// <summary>
    /// Sends <paramref name="request"/> and reads its response: the loop every caller runs, here for one-off requests.
    /// The load loop in <see cref="ConnectionWorker"/> has the same lines inline.
    /// </summary>
    public async Task<ExchangeOutcome> ExchangeAsync(
        HttpConnection connection, ReadOnlyMemory<byte> request, long expectedId, bool expectResponse,
        bool captureSessionId, CancellationToken cancellationToken, byte[]? expectedText = null)
    {
        while (!request.IsEmpty)
        {
            request = request[await connection.SendSomeAsync(request, cancellationToken)..];
        }

        Start(expectedId, expectResponse, captureSessionId, expectedText);
        ExchangeOutcome? outcome;
        while ((outcome = Advance(connection)) is null)
        {
            OnReceived(connection, await connection.ReceiveSomeAsync(cancellationToken));
        }

        return outcome.Value;
    }

    /// <summary>
    /// Prepares to read the response to a request whose id is <paramref name="expectedId"/> (<see cref="JsonRpcInspector.AnyId"/>:
    /// any response). With <paramref name="expectResponse"/> false, for a notification, any 2xx status is the answer.
    /// With <paramref name="expectedText"/>, the result must carry it as <c>content[0].text</c> (a tools/call echo).
    /// With <paramref name="requireProgress"/>, the answer must be an SSE stream with at least one
    /// <c>notifications/progress</c> before the response (<see cref="ExchangeOutcome.NoProgress"/> otherwise).
    /// </summary>
    public void Start(long expectedId, bool expectResponse, bool captureSessionId, byte[]? expectedText = null, bool requireProgress = false)
    {
        _requireProgress = requireProgress;
        ProgressEvents = 0;
        _state = State.Head;
        _expectedId = expectedId;
        _expectedText = expectedText;
        _expectResponse = expectResponse;
        _captureSessionId = captureSessionId;
        _outcome = ExchangeOutcome.Ok;
        ResponseTimestamp = 0;
    }

    /// <summary>Takes the result of <see cref="HttpConnection.ReceiveSomeAsync"/>.</summary>
    public void OnReceived(HttpConnection connection, int received)
    {
        if (received < 0)
        {
            Finish(ExchangeOutcome.TooLarge);
            return;
        }

        connection.OnReceived(received);
        if (received > 0 || (_state != State.Head && connection.BodyComplete))
        {
            return;   // more to parse, or a body framed by the close, which Advance finishes
        }

        // Closed mid-response. After the awaited event that is fine ("the server may close after it");
        // the connection is not reusable either way, which the caller sees.
        Finish(_state == State.RestOfBody && ResponseTimestamp != 0 ? _outcome : ExchangeOutcome.Closed);
    }

    /// <summary>Reads what has arrived. Null: receive more, then call again; otherwise the exchange is over.</summary>
    public ExchangeOutcome? Advance(HttpConnection connection)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Head:
                {
                    var status = connection.TryReadHead(_captureSessionId, out var parsed);
                    if (status != ReadStatus.Progress)
                    {
                        return Finish(Map(status));
                    }

                    if (!parsed || connection.StatusCode is >= 100 and < 200)
                    {
                        if (!parsed)
                        {
                            return null;
                        }

                        continue;   // an interim response; the final head follows
                    }

                    if (connection.StatusCode is < 200 or > 299)
                    {
                        return Finish(ExchangeOutcome.HttpStatus);
                    }

                    if (!_expectResponse)
                    {
                        connection.DiscardBody();
                        _state = State.RestOfBody;
                    }
                    else if (connection.ContentKind == ContentKind.Json)
                    {
                        _state = State.JsonBody;
                    }
                    else if (connection.ContentKind == ContentKind.EventStream)
                    {
                        _events.Reset();
                        _state = State.EventStream;
                    }
                    else
                    {
                        return Finish(ExchangeOutcome.ContentType);
                    }

                    continue;
                }

                case State.JsonBody:
                {
                    var status = connection.DecodeBody();
                    if (status != ReadStatus.Progress)
                    {
                        return Finish(Map(status));
                    }

                    if (!connection.BodyComplete)
                    {
                        return null;
                    }

                    ResponseTimestamp = Stopwatch.GetTimestamp();
                    var kind = JsonRpcInspector.Inspect(connection.Body, _expectedId, _expectedText);
                    return Finish(kind is RpcMessageKind.Other or RpcMessageKind.Progress ? ExchangeOutcome.NoResponse : WithProgress(Map(kind)));
                }

                case State.EventStream:
                {
                    var status = connection.DecodeBody();
                    if (status != ReadStatus.Progress)
                    {
                        return Finish(Map(status));
                    }

                    // Events before ours (progress, logging, requests to the client) are read and passed over.
                    while (true)
                    {
                        var read = _events.Read(connection.Body, out var consumed);
                        connection.ConsumeBody(consumed);
                        if (read == SseReadResult.TooLarge)
                        {
                            return Finish(ExchangeOutcome.TooLarge);
                        }

                        if (read == SseReadResult.NeedMore)
                        {
                            break;
                        }

                        var kind = JsonRpcInspector.Inspect(_events.Data, _expectedId, _expectedText);
                        if (kind == RpcMessageKind.Progress)
                        {
                            ProgressEvents++;
                        }
                        else if (kind != RpcMessageKind.Other)
                        {
                            ResponseTimestamp = Stopwatch.GetTimestamp();
                            _outcome = WithProgress(Map(kind));
                            connection.DiscardBody();
                            _state = State.RestOfBody;
                            break;
                        }
                    }

                    if (_state == State.EventStream)
                    {
                        return connection.BodyComplete ? Finish(ExchangeOutcome.NoResponse) : null;
                    }

                    continue;
                }

                case State.RestOfBody:
                {
                    // The stream ends after the response: the terminal chunk follows, usually in the same packet.
                    var status = connection.DecodeBody();
                    if (status != ReadStatus.Progress)
                    {
                        return Finish(Map(status));
                    }

                    if (!connection.BodyComplete)
                    {
                        return null;
                    }

                    if (ResponseTimestamp == 0)
                    {
                        ResponseTimestamp = Stopwatch.GetTimestamp();
                    }

                    return Finish(_outcome);
                }

                default:
                    return _outcome;
            }
        }
    }

    private ExchangeOutcome Finish(ExchangeOutcome outcome)
    {
        _outcome = outcome;
        _state = State.Done;
        return outcome;
    }

    /// <summary>A good answer without the progress notification that was required is not good.</summary>
    private ExchangeOutcome WithProgress(ExchangeOutcome outcome) =>
        outcome == ExchangeOutcome.Ok && _requireProgress && ProgressEvents == 0 ? ExchangeOutcome.NoProgress : outcome;

    private static ExchangeOutcome Map(ReadStatus status) => status switch
    {
        ReadStatus.Closed => ExchangeOutcome.Closed,
        ReadStatus.TooLarge => ExchangeOutcome.TooLarge,
        _ => ExchangeOutcome.Malformed,
    };

    private static ExchangeOutcome Map(RpcMessageKind kind) => kind switch
    {
        RpcMessageKind.Result => ExchangeOutcome.Ok,
        RpcMessageKind.ToolError => ExchangeOutcome.ToolError,
        RpcMessageKind.WrongResult => ExchangeOutcome.WrongResult,
        RpcMessageKind.Error => ExchangeOutcome.RpcError,
        _ => ExchangeOutcome.Malformed,
    };
}
