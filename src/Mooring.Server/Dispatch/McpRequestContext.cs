using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Everything a handler can know and do about the request it serves: who the client is and what it supports, the
/// cancellation token, progress, logging to the client, and requests to the client (sampling, elicitation, roots).
/// A tool, prompt or resource method receives it by declaring a parameter of this type.
/// </summary>
public sealed class McpRequestContext
{
    private readonly McpMessageSink? _relatedSink;
    private double _lastProgress = double.NegativeInfinity;
    private McpClientLogger? _logger;

    internal McpRequestContext(McpSession session, RequestId requestId, string method, McpMessageSink? relatedSink, IServiceProvider services, CancellationToken cancellationToken)
    {
        Session = session;
        RequestId = requestId;
        Method = method;
        _relatedSink = relatedSink;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The session the request belongs to.</summary>
    public McpSession Session { get; }

    /// <summary>The request's JSON-RPC id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The request's method.</summary>
    public string Method { get; }

    /// <summary>The progress token the client sent, if any.</summary>
    public RequestId? ProgressToken { get; internal set; }

    /// <summary>The request's service provider (scoped to the request by the transport).</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// Fires when the handler's work should stop: the client sent <c>notifications/cancelled</c>, the session ended,
    /// the server is shutting down, or the transport can no longer deliver the result.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The client's declared capabilities.</summary>
    public ClientCapabilities ClientCapabilities => Session.ClientCapabilities ?? new ClientCapabilities();

    /// <summary>The client's name and version.</summary>
    public Implementation? ClientInfo => Session.ClientInfo;

    /// <summary>The negotiated protocol version.</summary>
    public string? ProtocolVersion => Session.ProtocolVersion;

    /// <summary>Sends log messages to the client, honouring its <c>logging/setLevel</c>.</summary>
    public McpClientLogger Logger => _logger ??= new McpClientLogger(this);

    internal McpServer Server => Session.Server;

    /// <summary>The sink for messages related to this request: its stream if it has one, else the session's.</summary>
    internal McpMessageSink? Sink => _relatedSink ?? Session.SessionSink;

    /// <summary>
    /// Sends <c>notifications/progress</c> if the client asked for progress. Values that do not increase are dropped,
    /// because the spec requires progress to increase with each notification.
    /// </summary>
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null)
    {
        if (ProgressToken is not { } token || !TryAdvanceProgress(progress) || Sink is not { } sink)
        {
            return ValueTask.CompletedTask;
        }

        var value = new ProgressNotificationParams { ProgressToken = token, Progress = progress, Total = total, Message = message };
        ValueTask<bool> sent = sink.EnqueueAsync(McpOutgoingMessage.Notification(McpMethods.NotificationProgress, value, McpJsonContext.Default.ProgressNotificationParams), CancellationToken);
        return sent.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitSent(sent);
    }

    internal void ReportProgress(ProgressNotificationValue value)
    {
        if (ProgressToken is { } token && TryAdvanceProgress(value.Progress) && Sink is { } sink)
        {
            var p = new ProgressNotificationParams { ProgressToken = token, Progress = value.Progress, Total = value.Total, Message = value.Message };
            sink.TryEnqueue(McpOutgoingMessage.Notification(McpMethods.NotificationProgress, p, McpJsonContext.Default.ProgressNotificationParams));
        }
    }

    /// <summary>Sends a notification related to this request (on its stream when it has one).</summary>
    public async ValueTask<bool> SendNotificationAsync<T>(string method, T parameters, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? typeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return Sink is { } sink && await sink.EnqueueAsync(McpOutgoingMessage.Notification(method, parameters, typeInfo), CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the client to sample from its LLM (<c>sampling/createMessage</c>). Requires the client's <c>sampling</c>
    /// capability (and <c>sampling.tools</c> when <see cref="CreateMessageRequestParams.Tools"/> is set).
    /// </summary>
    /// <exception cref="McpException">The client lacks the capability or answered with an error.</exception>
    /// <exception cref="McpClientRequestTimeoutException">The client did not answer within <see cref="McpServerOptions.ClientRequestTimeout"/>.</exception>
    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        SamplingCapability sampling = ClientCapabilities.Sampling ?? throw new McpException("The client does not support sampling (no 'sampling' capability).", JsonRpcErrorCodes.InvalidRequest);
        if (request.Tools is { Count: > 0 } && sampling.Tools is null)
        {
            throw new McpException("The client does not support tool use in sampling (no 'sampling.tools' capability).", JsonRpcErrorCodes.InvalidRequest);
        }

        return SendAsync(McpMethods.SamplingCreateMessage, request, McpJsonContext.Default.CreateMessageRequestParams, McpJsonContext.Default.CreateMessageResult, cancellationToken);
    }

    /// <summary>
    /// Asks the user for input through the client (<c>elicitation/create</c>), in form mode (default) or URL mode.
    /// Requires the client's <c>elicitation</c> capability for that mode.
    /// </summary>
    public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ElicitationCapability elicitation = ClientCapabilities.Elicitation ?? throw new McpException("The client does not support elicitation (no 'elicitation' capability).", JsonRpcErrorCodes.InvalidRequest);
        bool urlMode = string.Equals(request.Mode, "url", StringComparison.Ordinal);
        if (urlMode && elicitation.Url is null)
        {
            throw new McpException("The client does not support URL-mode elicitation.", JsonRpcErrorCodes.InvalidRequest);
        }

        // An empty elicitation capability means form mode only.
        if (!urlMode && elicitation.Form is null && elicitation.Url is not null)
        {
            throw new McpException("The client does not support form-mode elicitation.", JsonRpcErrorCodes.InvalidRequest);
        }

        if (urlMode && (string.IsNullOrEmpty(request.Url) || string.IsNullOrEmpty(request.ElicitationId)))
        {
            throw new ArgumentException("URL-mode elicitation needs Url and ElicitationId.", nameof(request));
        }

        if (!urlMode && request.RequestedSchema is null)
        {
            throw new ArgumentException("Form-mode elicitation needs RequestedSchema.", nameof(request));
        }

        return SendAsync(McpMethods.ElicitationCreate, request, McpJsonContext.Default.ElicitRequestParams, McpJsonContext.Default.ElicitResult, cancellationToken);
    }

    /// <summary>Asks the client for its roots (<c>roots/list</c>). Requires the client's <c>roots</c> capability.</summary>
    public ValueTask<ListRootsResult> ListRootsAsync(CancellationToken cancellationToken = default)
    {
        _ = ClientCapabilities.Roots ?? throw new McpException("The client does not support roots (no 'roots' capability).", JsonRpcErrorCodes.InvalidRequest);
        return SendAsync(McpMethods.RootsList, new RequestParams(), McpJsonContext.Default.RequestParams, McpJsonContext.Default.ListRootsResult, cancellationToken);
    }

    private async ValueTask<TResult> SendAsync<TParams, TResult>(string method, TParams request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TParams> paramsType, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, cancellationToken);
        return await Session.SendRequestAsync(method, request, paramsType, resultType, Sink, linked.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the client's connection for this request's SSE stream without ending the stream, telling the client to
    /// reconnect after <paramref name="retryAfter"/> (the SSE polling pattern). The handler keeps running; what it
    /// sends afterwards is replayed when the client resumes with <c>Last-Event-ID</c>. Returns false when the
    /// transport cannot do that (stdio, JSON responses, resumability disabled).
    /// </summary>
    public ValueTask<bool> CloseStreamForReconnectAsync(TimeSpan retryAfter) =>
        _relatedSink?.CloseForReconnectAsync(retryAfter, CancellationToken) ?? ValueTask.FromResult(false);

    private bool TryAdvanceProgress(double progress)
    {
        lock (this)
        {
            if (!(progress > _lastProgress))
            {
                return false;
            }

            _lastProgress = progress;
            return true;
        }
    }

    private static async ValueTask AwaitSent(ValueTask<bool> sent) => await sent.ConfigureAwait(false);

    internal static JsonElement ToElement(string text) => JsonSerializer.SerializeToElement(text, McpJsonContext.Default.String);
}
