using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// One legacy MCP session: an HTTP session (<c>MCP-Session-Id</c>) or a stdio process. It owns everything the
/// session holds: in-flight handlers (cancelled when it ends), pending server-to-client requests (failed when it
/// ends), subscriptions and the session-level message sink. Transports create it through
/// <see cref="McpServer.CreateSession"/> and dispose it exactly once.
/// </summary>
public sealed partial class McpSession : IAsyncDisposable
{
    private readonly McpServer _server;

    // Created on first use: most sessions sit idle between requests (a client that initialized and went away is kept
    // until the idle timeout), and each of these costs a few hundred bytes that such a session never needs. Once
    // created they stay; EndAsync reads whatever exists after the state says ended (see EndedSource).
    private CancellationTokenSource? _ended;
    private ConcurrentDictionary<RequestId, InFlightRequest>? _inFlight;
    private ConcurrentDictionary<long, TaskCompletionSource<ClientResponse>>? _pending;
    private ConcurrentDictionary<string, byte>? _subscriptions;
    private long _nextOutgoingId;
    private int _inFlightCount; // ConcurrentDictionary.Count takes every lock; this is the cheap count for the cap
    private int _state; // 0 created, 1 initialize answered, 2 initialized notification received, 3 ended
    private int _logLevel;
    private volatile McpMessageSink? _sessionSink;

    internal McpSession(McpServer server, string id)
    {
        _server = server;
        Id = id;
        _logLevel = (int)server.Options.DefaultClientLogLevel;
        CreatedAt = server.TimeProvider.GetUtcNow();
    }

    /// <summary>The session id (the <c>MCP-Session-Id</c> on HTTP).</summary>
    public string Id { get; }

    /// <summary>When the session was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The protocol version negotiated by <c>initialize</c>; null before it.</summary>
    public string? ProtocolVersion { get; private set; }

    /// <summary>The capabilities the client declared; null before <c>initialize</c>.</summary>
    public ClientCapabilities? ClientCapabilities { get; private set; }

    /// <summary>The client's name and version; null before <c>initialize</c>.</summary>
    public Implementation? ClientInfo { get; private set; }

    /// <summary>True once <c>initialize</c> has been answered.</summary>
    public bool IsInitialized => Volatile.Read(ref _state) is 1 or 2;

    /// <summary>True once the session has ended.</summary>
    public bool IsEnded => Volatile.Read(ref _state) == 3;

    /// <summary>The minimum level of <c>notifications/message</c> the client wants.</summary>
    public LoggingLevel LogLevel
    {
        get => (LoggingLevel)Volatile.Read(ref _logLevel);
        internal set => Volatile.Write(ref _logLevel, (int)value);
    }

    /// <summary>Fires when the session ends; every handler's token is linked to it.</summary>
    public CancellationToken Ended => EndedSource.Token;

    /// <summary>
    /// Where messages unrelated to a request go (the GET stream on HTTP, stdout on stdio). Null while the client has
    /// no such stream open; such messages are then dropped, or kept for replay by the transport.
    /// </summary>
    public McpMessageSink? SessionSink
    {
        get => _sessionSink;
        set => _sessionSink = value;
    }

    /// <summary>Number of client requests being handled right now.</summary>
    public int InFlightCount => Volatile.Read(ref _inFlightCount);

    /// <summary>Number of server-to-client requests awaiting the client's answer.</summary>
    public int PendingClientRequestCount => Volatile.Read(ref _pending)?.Count ?? 0;

    /// <summary>The resource URIs the client subscribed to.</summary>
    public IReadOnlyCollection<string> Subscriptions =>
        Volatile.Read(ref _subscriptions) is { } subscriptions ? (IReadOnlyCollection<string>)subscriptions.Keys : [];

    internal McpServer Server => _server;

    /// <summary>
    /// The source behind <see cref="Ended"/>, created on first use. <see cref="EndAsync"/> marks the state ended before it
    /// reads the field, and this publishes the field before it reads the state: whichever comes second sees the other,
    /// so a source created while the session ends is cancelled either way.
    /// </summary>
    private CancellationTokenSource EndedSource
    {
        get
        {
            if (Volatile.Read(ref _ended) is { } existing)
            {
                return existing;
            }

            var created = new CancellationTokenSource();
            CancellationTokenSource source = Interlocked.CompareExchange(ref _ended, created, null) ?? created;
            if (IsEnded)
            {
                source.Cancel();
            }

            return source;
        }
    }

    /// <summary>True once the session's end has cancelled <see cref="Ended"/> (not merely begun ending).</summary>
    private bool EndedFired => Volatile.Read(ref _ended)?.IsCancellationRequested == true;

    private ConcurrentDictionary<RequestId, InFlightRequest> InFlight =>
        Volatile.Read(ref _inFlight) ?? LazyInitializer.EnsureInitialized(ref _inFlight, static () => new ConcurrentDictionary<RequestId, InFlightRequest>());

    private ConcurrentDictionary<long, TaskCompletionSource<ClientResponse>> Pending =>
        Volatile.Read(ref _pending) ?? LazyInitializer.EnsureInitialized(ref _pending, static () => new ConcurrentDictionary<long, TaskCompletionSource<ClientResponse>>());

    private ConcurrentDictionary<string, byte> SubscriptionSet =>
        Volatile.Read(ref _subscriptions) ?? LazyInitializer.EnsureInitialized(ref _subscriptions, static () => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));

    /// <summary>
    /// Handles one message from the client. Requests return their response; notifications and the client's
    /// responses return null. Also returns null for a request the client cancelled, which gets no response.
    /// </summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="relatedSink">Where messages related to this request go (a POST's SSE stream, stdout); null when there is none.</param>
    /// <param name="services">The service provider for this request (a scope the transport owns).</param>
    /// <param name="handlerAborted">Cancels the handler: the transport's rule for when its result can no longer be delivered.</param>
    public ValueTask<McpOutgoingMessage?> HandleAsync(JsonRpcMessage message, McpMessageSink? relatedSink, IServiceProvider services, CancellationToken handlerAborted)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(services);
        switch (message.Kind)
        {
            case JsonRpcMessageKind.Request:
                return HandleRequestAsync(message, relatedSink, services, handlerAborted);
            case JsonRpcMessageKind.Notification:
                HandleNotification(message);
                return ValueTask.FromResult<McpOutgoingMessage?>(null);
            default:
                HandleClientResponse(message);
                return ValueTask.FromResult<McpOutgoingMessage?>(null);
        }
    }

    private async ValueTask<McpOutgoingMessage?> HandleRequestAsync(JsonRpcMessage message, McpMessageSink? relatedSink, IServiceProvider services, CancellationToken handlerAborted)
    {
        RequestId id = message.Id!.Value;
        string method = message.Method!;
        int state = Volatile.Read(ref _state);
        if (state == 3)
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.SessionNotFound);
        }

        if (method == McpMethods.Initialize)
        {
            return state != 0 ? McpOutgoingMessage.Rejection(id, McpRejection.AlreadyInitialized) : HandleInitialize(id, message.Params);
        }

        if (state == 0 && method != McpMethods.Ping)
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.NotInitialized);
        }

        // Per-session cap first (cheap and local), then the global budget; both refuse now rather than queue.
        if (Interlocked.Increment(ref _inFlightCount) > _server.Options.Limits.MaxConcurrentRequestsPerSession)
        {
            Interlocked.Decrement(ref _inFlightCount);
            return McpOutgoingMessage.Rejection(id, McpRejection.SessionBusy);
        }

        if (!_server.Governor.TryAcquire(McpBudget.Handlers))
        {
            Interlocked.Decrement(ref _inFlightCount);
            return McpOutgoingMessage.Rejection(id, McpRejection.ServerBusy);
        }

        // One source per request, linked only to the transport's token: the session's end reaches it through the
        // in-flight map (EndAsync cancels every entry), so no request registers on a source all of them share.
        CancellationTokenSource cts = handlerAborted.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(handlerAborted) : new CancellationTokenSource();
        var inFlight = new InFlightRequest(cts);
        if (!InFlight.TryAdd(id, inFlight))
        {
            cts.Dispose();
            Interlocked.Decrement(ref _inFlightCount);
            _server.Governor.Release(McpBudget.Handlers, McpEndReason.Error);
            return McpOutgoingMessage.Rejection(id, McpRejection.DuplicateRequestId);
        }

        if (IsEnded)
        {
            // The end may have swept the map before this entry was in it: stop at once, as its sweep would have.
            inFlight.Cancel();
        }

        long started = _server.TimeProvider.GetTimestamp();
        McpEndReason reason = McpEndReason.Error;
        try
        {
            var context = new McpRequestContext(_server, this, null, id, method, relatedSink, services, cts.Token);
            McpOutgoingMessage response = await _server.Dispatcher.DispatchAsync(context, message.Params).ConfigureAwait(false);
            reason = inFlight.CancelledByClient ? McpEndReason.Cancelled : McpEndReason.Completed;
            return inFlight.CancelledByClient ? null : response;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // Cancelled by the client, the transport or the session's end: nobody is waiting for an answer that says so.
            reason = inFlight.CancelledByClient ? McpEndReason.Cancelled : IsEnded ? McpEndReason.Shutdown : McpEndReason.ClientGone;
            return inFlight.CancelledByClient ? null : McpOutgoingMessage.Rejection(id, McpRejection.InternalError, "The request was cancelled.");
        }
        finally
        {
            _inFlight!.TryRemove(id, out _);
            Interlocked.Decrement(ref _inFlightCount);
            cts.Dispose();
            _server.Governor.Release(McpBudget.Handlers, reason);
            _server.Metrics.RequestCompleted(method, _server.TimeProvider.GetElapsedTime(started));
        }
    }

    private McpOutgoingMessage HandleInitialize(RequestId id, ReadOnlyMemory<byte> rawParams)
    {
        InitializeRequestParams? p;
        try
        {
            p = rawParams.IsEmpty ? null : JsonSerializer.Deserialize(rawParams.Span, McpJsonContext.Default.InitializeRequestParams);
        }
        catch (JsonException)
        {
            p = null;
        }

        if (p is null || p.ClientInfo is null || p.Capabilities is null || p.ProtocolVersion is null)
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.InvalidParams, "Invalid params: initialize requires protocolVersion, capabilities and clientInfo.");
        }

        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.AlreadyInitialized);
        }

        ProtocolVersion = McpProtocolVersions.Negotiate(p.ProtocolVersion);
        ClientCapabilities = p.Capabilities;
        ClientInfo = p.ClientInfo;
        McpServerLog.SessionInitialized(_server.Logger, Id, ProtocolVersion, p.ClientInfo.Name, p.ClientInfo.Version);
        var result = new InitializeResult
        {
            ProtocolVersion = ProtocolVersion,
            Capabilities = _server.Capabilities,
            ServerInfo = _server.Options.ServerInfo,
            Instructions = _server.Options.Instructions,
        };
        return McpOutgoingMessage.Result(id, result, McpJsonContext.Default.InitializeResult);
    }

    private void HandleNotification(JsonRpcMessage message)
    {
        switch (message.Method)
        {
            case McpMethods.NotificationInitialized:
                Interlocked.CompareExchange(ref _state, 2, 1);
                break;
            case McpMethods.NotificationCancelled:
                CancelledNotificationParams? p = TryDeserialize(message.Params, McpJsonContext.Default.CancelledNotificationParams);

                // Unknown or finished ids are ignored, as the spec asks: cancellation races with completion.
                if (p?.RequestId is { } target && Volatile.Read(ref _inFlight) is { } inFlight && inFlight.TryGetValue(target, out InFlightRequest? request))
                {
                    request.CancelByClient();
                }

                break;
            case McpMethods.NotificationRootsListChanged:
                RootsListChanged?.Invoke(this, EventArgs.Empty);
                break;
            default:
                // Unknown notifications are ignored: JSON-RPC forbids answering them.
                break;
        }
    }

    private void HandleClientResponse(JsonRpcMessage message)
    {
        if (message.Id is { IsString: false } id && Volatile.Read(ref _pending) is { } pendingRequests && pendingRequests.TryRemove(id.AsNumber, out TaskCompletionSource<ClientResponse>? pending))
        {
            pending.TrySetResult(message.Kind == JsonRpcMessageKind.Result
                ? new ClientResponse(message.Result.ToArray(), 0, null)
                : new ClientResponse(null, message.ErrorCode, message.ErrorMessage));
            return;
        }

        McpServerLog.UnmatchedClientResponse(_server.Logger, Id, message.Id?.ToString() ?? "null");
    }

    /// <summary>Raised when the client sends <c>notifications/roots/list_changed</c>.</summary>
    public event EventHandler? RootsListChanged;

    internal bool Subscribe(string uri) => SubscriptionSet.TryAdd(uri, 0);

    internal bool Unsubscribe(string uri) => Volatile.Read(ref _subscriptions)?.TryRemove(uri, out _) ?? false;

    /// <summary>True when the client subscribed to <paramref name="uri"/>.</summary>
    public bool IsSubscribed(string uri) => Volatile.Read(ref _subscriptions)?.ContainsKey(uri) ?? false;

    /// <summary>
    /// Sends a request to the client and waits for its answer, bounded by <see cref="McpServerOptions.ClientRequestTimeout"/>.
    /// On timeout or cancellation the server sends <c>notifications/cancelled</c> for it.
    /// </summary>
    internal async ValueTask<TResult> SendRequestAsync<TParams, TResult>(
        string method, TParams parameters, JsonTypeInfo<TParams> paramsType, JsonTypeInfo<TResult> resultType, McpMessageSink? sink, CancellationToken cancellationToken)
    {
        sink ??= _sessionSink;
        if (sink is null)
        {
            throw new McpException("The client has no open stream on which the server could send a request.");
        }

        long id = Interlocked.Increment(ref _nextOutgoingId);
        var pending = new TaskCompletionSource<ClientResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        ConcurrentDictionary<long, TaskCompletionSource<ClientResponse>> pendingRequests = Pending;
        pendingRequests[id] = pending;
        using var timeout = new CancellationTokenSource(_server.Options.ClientRequestTimeout, _server.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, EndedSource.Token);
        try
        {
            if (!await sink.EnqueueAsync(McpOutgoingMessage.Request(new RequestId(id), method, parameters, paramsType), linked.Token).ConfigureAwait(false))
            {
                throw new McpException("The client's stream closed before the request could be sent.");
            }

            ClientResponse response = await pending.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            if (response.Result is null)
            {
                throw new McpException(response.ErrorMessage ?? "The client answered with an error.", response.ErrorCode);
            }

            try
            {
                return JsonSerializer.Deserialize(response.Result, resultType) ?? throw new McpException($"The client's answer to {method} was null.");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                // System.Text.Json reports a content block without its "type" as NotSupportedException (it cannot
                // create the abstract base), so both mean the same thing here: the answer breaks the protocol.
                throw new McpException($"The client's answer to {method} does not match the protocol.");
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            if (!EndedFired)
            {
                // Tell the client to stop working on a request nobody waits for any more.
                (sink ?? _sessionSink)?.TryEnqueue(McpOutgoingMessage.Notification(
                    McpMethods.NotificationCancelled,
                    new CancelledNotificationParams { RequestId = new RequestId(id), Reason = timeout.IsCancellationRequested ? "Timed out." : "Cancelled." },
                    McpJsonContext.Default.CancelledNotificationParams));
            }

            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new McpClientRequestTimeoutException($"The client did not answer {method} within {_server.Options.ClientRequestTimeout}.") { Method = method };
            }

            throw;
        }
        finally
        {
            pendingRequests.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Sends <c>ping</c> to the client on the session stream and waits for the answer (bounded by
    /// <paramref name="cancellationToken"/> and <see cref="McpServerOptions.ClientRequestTimeout"/>). Throws when the
    /// client does not answer, answers with an error, or has no open stream.
    /// </summary>
    public async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        _ = await SendRequestAsync(McpMethods.Ping, new RequestParams(), McpJsonContext.Default.RequestParams, McpJsonContext.Default.EmptyResult, _sessionSink, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the client that the URL-mode elicitation <paramref name="elicitationId"/> it started in this session has
    /// completed (<c>notifications/elicitation/complete</c>, sent only to this session, as the spec requires).
    /// Returns false when the client has no open stream to receive it.
    /// </summary>
    public bool NotifyElicitationComplete(string elicitationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(elicitationId);
        return TrySendNotification(McpMethods.NotificationElicitationComplete, new ElicitationCompleteNotificationParams { ElicitationId = elicitationId }, McpJsonContext.Default.ElicitationCompleteNotificationParams);
    }

    /// <summary>Sends a notification on the session stream, if one is open. Returns false when it was dropped.</summary>
    public bool TrySendNotification<T>(string method, T parameters, JsonTypeInfo<T>? typeInfo) =>
        _sessionSink?.TryEnqueue(McpOutgoingMessage.Notification(method, parameters, typeInfo)) ?? false;

    /// <summary>
    /// Ends the session: cancels every in-flight handler, fails every pending server-to-client request and removes
    /// the session from the server. Idempotent; the first reason is the one counted.
    /// </summary>
    public ValueTask EndAsync(McpEndReason reason)
    {
        if (Interlocked.Exchange(ref _state, 3) == 3)
        {
            return ValueTask.CompletedTask;
        }

        Volatile.Read(ref _ended)?.Cancel();
        if (Volatile.Read(ref _inFlight) is { } inFlight)
        {
            foreach (KeyValuePair<RequestId, InFlightRequest> request in inFlight)
            {
                request.Value.Cancel();
            }
        }

        if (Volatile.Read(ref _pending) is { } pendingRequests)
        {
            foreach (KeyValuePair<long, TaskCompletionSource<ClientResponse>> pending in pendingRequests)
            {
                pending.Value.TrySetCanceled();
            }

            pendingRequests.Clear();
        }

        Volatile.Read(ref _subscriptions)?.Clear();
        _sessionSink = null;
        _server.OnSessionEnded(this, reason);

        // _ended is not disposed: late arrivals may still link to its (cancelled) token, and it owns no timer.
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends the session as <see cref="McpEndReason.Completed"/> (see <see cref="EndAsync"/>).</summary>
    public ValueTask DisposeAsync() => EndAsync(McpEndReason.Completed);

    private static T? TryDeserialize<T>(ReadOnlyMemory<byte> raw, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(raw.Span, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class InFlightRequest(CancellationTokenSource cts)
    {
        private int _cancelledByClient;

        public bool CancelledByClient => Volatile.Read(ref _cancelledByClient) == 1;

        public void CancelByClient()
        {
            Volatile.Write(ref _cancelledByClient, 1);
            Cancel();
        }

        public void Cancel()
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request finished between the lookup and the cancel: nothing left to stop.
            }
        }
    }

    private readonly record struct ClientResponse(byte[]? Result, int ErrorCode, string? ErrorMessage);
}
