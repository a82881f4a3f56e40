using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Everything a handler can know and do about the request it serves: who the client is and what it supports, the
/// cancellation token, progress, logging to the client, and input from the client (sampling, elicitation, roots).
/// A tool, prompt or resource method receives it by declaring a parameter of this type. The same handler serves both
/// eras: a legacy request belongs to a <see cref="Session"/>; a modern (2026-07-28) request carries who the client is
/// in its own <c>_meta</c>, has no session, and gets input through multi round-trip requests (see
/// <see cref="RequestInputsAsync"/>).
/// </summary>
public sealed partial class McpRequestContext
{
    private readonly McpMessageSink? _relatedSink;
    private readonly RequestMeta? _modern;
    private double _lastProgress = double.NegativeInfinity;
    private McpClientLogger? _logger;
    private readonly CancellationToken _token;

    internal McpRequestContext(McpServer server, McpSession? session, RequestMeta? modern, RequestId requestId, string method, McpMessageSink? relatedSink, IServiceProvider services, CancellationToken cancellationToken)
    {
        Server = server;
        Session = session;
        _modern = modern;
        RequestId = requestId;
        Method = method;
        _relatedSink = relatedSink;
        Services = services;
        _token = cancellationToken;
    }

    /// <summary>The session the request belongs to; null for a modern (stateless) request.</summary>
    public McpSession? Session { get; }

    /// <summary>True for a modern (2026-07-28) request: stateless, identified by its own <c>_meta</c>.</summary>
    public bool IsModern => _modern is not null;

    /// <summary>The modern request's <c>_meta</c> as the transport read it; null in a session.</summary>
    internal RequestMeta? ModernMeta => _modern;

    /// <summary>The request's JSON-RPC id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The request's method.</summary>
    public string Method { get; }

    /// <summary>The progress token the client sent, if any.</summary>
    public RequestId? ProgressToken { get; internal set; }

    /// <summary>The request's service provider (scoped to the request by the transport).</summary>
    public IServiceProvider Services { get; private set; }

    /// <summary>
    /// Fires when the handler's work should stop: the client cancelled or closed the response stream, the session
    /// ended, the server is shutting down, or the transport can no longer deliver the result.
    /// </summary>
    public CancellationToken CancellationToken => TaskRecord?.Cancellation.Token ?? _token;

    /// <summary>The client's declared capabilities: the session's, or this request's own on a modern request.</summary>
    public ClientCapabilities ClientCapabilities => (_modern is not null ? _modern.ClientCapabilities : Session?.ClientCapabilities) ?? new ClientCapabilities();

    /// <summary>The client's name and version, when it gave them.</summary>
    public Implementation? ClientInfo => _modern is not null ? _modern.ClientInfo : Session?.ClientInfo;

    /// <summary>The protocol revision of the request (negotiated for a session, declared by a modern request).</summary>
    public string? ProtocolVersion => _modern is not null ? _modern.ProtocolVersion : Session?.ProtocolVersion;

    /// <summary>
    /// The lowest level of <c>notifications/message</c> the client wants: the session's <c>logging/setLevel</c>, or
    /// on a modern request its <c>_meta</c> log level; null means no log messages at all (a modern request without one).
    /// </summary>
    public LoggingLevel? LogLevel => _modern is not null ? _modern.LogLevel : Session?.LogLevel;

    /// <summary>Who sent a modern request, as the transport authenticated it (empty when anonymous); binds <c>requestState</c>.</summary>
    public string Principal { get; internal set; } = string.Empty;

    /// <summary>Sends log messages to the client, honouring its log level.</summary>
    public McpClientLogger Logger => _logger ??= new McpClientLogger(this);

    internal McpServer Server { get; }

    /// <summary>The sink for messages related to this request: its stream if it has one, else the session's.</summary>
    internal McpMessageSink? Sink => _relatedSink ?? Session?.SessionSink;

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
