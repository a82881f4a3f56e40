using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Modern (2026-07-28) requests: stateless, each identified by its own <c>_meta</c>. They are leased from the same
/// handler budget as session requests and cancelled when the server stops, but belong to no session.
/// </summary>
public sealed partial class McpServer
{
    private readonly CancellationTokenSource _stopping = new();
    private ResultMeta? _serverInfoMeta;
    private McpRequestStateProtector? _requestState;
    private ServerCapabilities? _modernCapabilities;
    private McpTaskEngine? _taskEngine;

    /// <summary>
    /// What the server offers to modern requests (<c>server/discover</c>): the legacy capabilities without the parts
    /// 2026-07-28 removed (the v1 <c>tasks</c> slot); list changes and resource updates reach modern clients through
    /// <c>subscriptions/listen</c>.
    /// </summary>
    public ServerCapabilities ModernCapabilities => _modernCapabilities ??= new ServerCapabilities
    {
        Tools = new ToolsCapability { ListChanged = true },
        Prompts = new PromptsCapability { ListChanged = true },
        Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
        Logging = [],
        Completions = [],
        Extensions = WithTasksExtension(ExtensionsObject(legacy: false)),
        Experimental = Capabilities.Experimental,
    };

    /// <summary>The optional protocol extensions the server serves (registered as <see cref="McpServerExtension"/> services).</summary>
    public IReadOnlyList<McpServerExtension> Extensions { get; }

    /// <summary>The task store of both eras.</summary>
    internal McpTaskEngine TaskEngine => _taskEngine ??= new McpTaskEngine(this);

    /// <summary>The open <c>subscriptions/listen</c> streams.</summary>
    public McpSubscriptionHub Subscriptions { get; }

    internal McpRequestStateProtector RequestState => _requestState ??= new McpRequestStateProtector(
        Services.GetService<IDataProtectionProvider>() ?? new EphemeralDataProtectionProvider(),
        TimeProvider,
        Options.RequestStateLifetime);

    /// <summary>
    /// Checks a modern request's <c>_meta</c> and method before it runs: the required fields (else <c>-32602</c>),
    /// a served revision (else <c>-32022</c> listing them), and a method that exists in the modern era (else
    /// <c>-32601</c>, HTTP 404). Returns the rejection, or null when the request may run. Header checks, which only
    /// HTTP has, come before this in the transport.
    /// </summary>
    public McpOutgoingMessage? ValidateModernRequest(RequestId id, string method, RequestMeta? meta)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (meta?.ProtocolVersion is not { } version || meta.ClientCapabilities is null)
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.InvalidRequestMeta);
        }

        if (!McpProtocolVersions.IsSupportedModern(version))
        {
            var data = new UnsupportedProtocolVersionErrorData { Supported = McpProtocolVersions.All, Requested = version };
            return McpOutgoingMessage.Rejection(id, McpRejection.UnsupportedModernVersion, data, McpJsonContext.Default.UnsupportedProtocolVersionErrorData);
        }

        return Dispatcher.IsModernMethod(method) ? null : McpOutgoingMessage.Rejection(id, McpRejection.ModernMethodNotFound, $"Method not found: {(method.Length <= 100 ? method : method[..100])}");
    }

    /// <summary>
    /// Handles one modern request (validated by <see cref="ValidateModernRequest"/>) and returns its response.
    /// </summary>
    /// <param name="request">The parsed request.</param>
    /// <param name="meta">The request's <c>_meta</c>.</param>
    /// <param name="relatedSink">Where notifications about this request go (its response stream); null when there is none.</param>
    /// <param name="services">The service provider for this request.</param>
    /// <param name="principal">Who sent it, as the transport authenticated it (empty when anonymous).</param>
    /// <param name="aborted">Fires when the result can no longer be delivered (the client closed the stream).</param>
    public async ValueTask<McpOutgoingMessage> HandleModernAsync(JsonRpcMessage request, RequestMeta meta, McpMessageSink? relatedSink, IServiceProvider services, string principal, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(services);
        RequestId id = request.Id ?? throw new ArgumentException("A request needs an id.", nameof(request));
        string method = request.Method!;
        if (!Governor.TryAcquire(McpBudget.Handlers))
        {
            return McpOutgoingMessage.Rejection(id, McpRejection.ServerBusy);
        }

        long started = TimeProvider.GetTimestamp();
        McpEndReason reason = McpEndReason.Error;
        using CancellationTokenSource cts = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        try
        {
            var context = new McpRequestContext(this, null, meta, id, method, relatedSink, services, cts.Token)
            {
                Principal = principal ?? string.Empty,
                HandlerCancellation = cts,
            };
            McpOutgoingMessage response = await Dispatcher.DispatchAsync(context, request.Params).ConfigureAwait(false);
            reason = McpEndReason.Completed;
            return response;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // The client closed the stream (nobody will read an answer) or the server is stopping.
            reason = _stopping.IsCancellationRequested ? McpEndReason.Shutdown : McpEndReason.ClientGone;
            return McpOutgoingMessage.Rejection(id, McpRejection.InternalError, "The request was cancelled.");
        }
        finally
        {
            Governor.Release(McpBudget.Handlers, reason);
            Metrics.RequestCompleted(method, TimeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>Cancels every running modern request (the server is stopping and its drain time is up).</summary>
    public void CancelStatelessRequests()
    {
        _stopping.Cancel();
        _taskEngine?.CancelAll();
    }

    /// <summary>True when some tool can run as a task: both eras then advertise tasks.</summary>
    private bool HasTaskTools => Tools.Snapshot.Any(t => t.TaskSupport != McpTaskSupport.Forbidden);

    // The tasks extension is part of the core: advertised whenever a tool can run as a task.
    private System.Text.Json.Nodes.JsonObject? WithTasksExtension(System.Text.Json.Nodes.JsonObject? extensions)
    {
        if (!HasTaskTools)
        {
            return extensions;
        }

        extensions ??= [];
        extensions[McpExtensionIds.Tasks] = new System.Text.Json.Nodes.JsonObject();
        return extensions;
    }

    private System.Text.Json.Nodes.JsonObject? ExtensionsObject(bool legacy)
    {
        System.Text.Json.Nodes.JsonObject? result = null;
        foreach (McpServerExtension extension in Extensions)
        {
            if (legacy ? extension.Legacy : extension.Modern)
            {
                result ??= [];
                result[extension.Id] = extension.Settings.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The <c>_meta</c> of a modern result: the server's identity, merged into what the handler set.</summary>
    internal ResultMeta WithServerInfo(ResultMeta? meta)
    {
        if (meta is null)
        {
            return _serverInfoMeta ??= new ResultMeta { ServerInfo = Options.ServerInfo };
        }

        return meta.ServerInfo is not null ? meta : new ResultMeta { ServerInfo = Options.ServerInfo, SubscriptionId = meta.SubscriptionId, Extra = meta.Extra };
    }
}
