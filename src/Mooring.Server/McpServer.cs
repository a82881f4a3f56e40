using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// The server core, one per application: options, the tool/prompt/resource collections, the live sessions, and the
/// dispatcher that transports hand messages to (through <see cref="McpSession"/>). Changes to the collections are
/// announced to every session; <see cref="NotifyResourceUpdated"/> reaches the sessions subscribed to a URI.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The stopping token source has no timer and its wait handle is never used, so it holds nothing to dispose; it lives as long as the server.")]
public sealed partial class McpServer
{
    private readonly ConcurrentDictionary<string, McpSession> _sessions = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<McpCompletionHandler> _completionHandlers;

    /// <summary>Creates the server; DI does this once per application.</summary>
    public McpServer(
        IOptions<McpServerOptions> options,
        IEnumerable<McpPrimitiveRegistration> registrations,
        IEnumerable<McpCompletionHandler> completionHandlers,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        McpServerMetrics metrics,
        McpResourceGovernor governor,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options.Value;
        Services = services;
        Logger = loggerFactory.CreateLogger("Mooring.Server");
        Metrics = metrics;
        Governor = governor ?? throw new ArgumentNullException(nameof(governor));
        TimeProvider = timeProvider ?? TimeProvider.System;
        _completionHandlers = [.. completionHandlers];
        Extensions = [.. services.GetServices<McpServerExtension>()];
        Capabilities.Extensions = ExtensionsObject(legacy: true);
        Dispatcher = new McpDispatcher(this);
        Subscriptions = new McpSubscriptionHub(Options.MaxQueuedListenNotifications, governor, Options.ServerInfo);
        McpServerLimits limits = Options.Limits;
        SynchronousHandlers = new SemaphoreSlim(limits.MaxConcurrentSynchronousHandlers, limits.MaxConcurrentSynchronousHandlers);
        if (limits.ReserveThreadsForSynchronousHandlers)
        {
            // Blocked handlers hold at most their cap of threads; keep the pool's floor above that so the rest of the
            // server (health, other sessions) never waits for the pool's slow thread injection.
            ThreadPool.GetMinThreads(out int workers, out int io);
            int wanted = limits.MaxConcurrentSynchronousHandlers + (2 * Environment.ProcessorCount);
            if (workers < wanted)
            {
                ThreadPool.SetMinThreads(wanted, io);
            }
        }

        IServiceProviderIsService? isService = services.GetService<IServiceProviderIsService>();
        foreach (McpPrimitiveRegistration registration in registrations)
        {
            registration.Register(this, isService);
        }

        foreach (McpServerExtension extension in Extensions)
        {
            extension.Attach(this);
        }

        if (HasTaskTools)
        {
            // 2025-11-25 tasks: tools/call may be task-augmented; tasks can be listed and cancelled.
            Capabilities.Tasks = new JsonObject
            {
                ["list"] = new JsonObject(),
                ["cancel"] = new JsonObject(),
                ["requests"] = new JsonObject { ["tools"] = new JsonObject { ["call"] = new JsonObject() } },
            };
        }

        Tools.Changed += (_, _) => Broadcast(McpMethods.NotificationToolListChanged);
        Prompts.Changed += (_, _) => Broadcast(McpMethods.NotificationPromptListChanged);
        Resources.Changed += (_, _) => Broadcast(McpMethods.NotificationResourceListChanged);
        ResourceTemplates.Changed += (_, _) => Broadcast(McpMethods.NotificationResourceListChanged);
    }

    /// <summary>The server's options.</summary>
    public McpServerOptions Options { get; }

    /// <summary>The root service provider.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The tools; add or remove at run time and clients are told.</summary>
    public McpServerPrimitiveCollection<McpServerTool> Tools { get; } = new();

    /// <summary>The prompts.</summary>
    public McpServerPrimitiveCollection<McpServerPrompt> Prompts { get; } = new();

    /// <summary>The resources with fixed URIs.</summary>
    public McpServerPrimitiveCollection<McpServerResource> Resources { get; } = new();

    /// <summary>The resource templates.</summary>
    public McpServerPrimitiveCollection<McpServerResource> ResourceTemplates { get; } = new();

    /// <summary>The live sessions.</summary>
    public IReadOnlyCollection<McpSession> Sessions => (IReadOnlyCollection<McpSession>)_sessions.Values;

    /// <summary>Number of live sessions.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>
    /// The capabilities announced in <c>initialize</c>. Mooring serves every feature whether or not primitives of a
    /// kind are registered yet, because collections can change at run time.
    /// </summary>
    public ServerCapabilities Capabilities { get; } = new()
    {
        Tools = new ToolsCapability { ListChanged = true },
        Prompts = new PromptsCapability { ListChanged = true },
        Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
        Logging = [],
        Completions = [],
    };

    internal McpDispatcher Dispatcher { get; }

    /// <summary>Admits synchronous handlers up to <see cref="McpServerLimits.MaxConcurrentSynchronousHandlers"/>.</summary>
    internal SemaphoreSlim SynchronousHandlers { get; }

    internal ILogger Logger { get; }

    internal McpServerMetrics Metrics { get; }

    /// <summary>What the server holds, against its caps.</summary>
    public McpResourceGovernor Governor { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>Adds a tool, prompt or resource created by the caller (any of the <c>Create</c> factories).</summary>
    public void Add(McpServerResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        (resource.IsTemplate ? ResourceTemplates : Resources).Add(resource);
    }

    /// <summary>
    /// Creates a session with <paramref name="id"/>. The transport owns it and must end it. Throws when the session cap
    /// is reached; transports that can make room or refuse politely use <see cref="TryCreateSession"/>.
    /// </summary>
    public McpSession CreateSession(string id) =>
        TryCreateSession(id, out McpSession? session) ? session : throw new InvalidOperationException($"The session limit ({Options.Limits.MaxSessions}) is reached.");

    /// <summary>Creates a session, or returns false when <see cref="McpServerLimits.MaxSessions"/> sessions are live.</summary>
    public bool TryCreateSession(string id, [MaybeNullWhen(false)] out McpSession session)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        session = null;
        if (!Governor.TryAcquire(McpBudget.Sessions))
        {
            return false;
        }

        var created = new McpSession(this, id);
        if (!_sessions.TryAdd(id, created))
        {
            Governor.Release(McpBudget.Sessions, McpEndReason.Error);
            throw new InvalidOperationException("A session with this id already exists.");
        }

        session = created;
        return true;
    }

    /// <summary>Finds a live session.</summary>
    public bool TryGetSession(string id, [MaybeNullWhen(false)] out McpSession session) => _sessions.TryGetValue(id, out session);

    /// <summary>
    /// Sends <c>notifications/resources/updated</c> to every session subscribed to <paramref name="uri"/>. Returns
    /// how many sessions it reached.
    /// </summary>
    public int NotifyResourceUpdated(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        int reached = Subscriptions.PublishResourceUpdated(uri);
        foreach (McpSession session in _sessions.Values)
        {
            if (session.IsSubscribed(uri) && session.TrySendNotification(
                McpMethods.NotificationResourceUpdated, new ResourceUpdatedNotificationParams { Uri = uri }, McpJsonContext.Default.ResourceUpdatedNotificationParams))
            {
                reached++;
            }
        }

        return reached;
    }

    internal void OnSessionEnded(McpSession session, McpEndReason reason)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, McpSession>(session.Id, session)))
        {
            // Its tasks can no longer be reached by anyone: they go with it.
            _taskEngine?.RemoveOwnedBy(McpTaskEngine.SessionOwner(session.Id), reason);
            Governor.Release(McpBudget.Sessions, reason, TimeProvider.GetUtcNow() - session.CreatedAt);
        }
    }

    internal bool TryFindResource(string uri, [MaybeNullWhen(false)] out McpServerResource resource, out IReadOnlyDictionary<string, string>? variables)
    {
        variables = null;
        if (Resources.TryGet(uri, out resource))
        {
            return true;
        }

        foreach (McpServerResource template in ResourceTemplates.Snapshot)
        {
            if (template.TryMatch(uri, out variables))
            {
                resource = template;
                return true;
            }
        }

        resource = null;
        return false;
    }

    internal McpServerResource? FindByKey(string key) =>
        ResourceTemplates.TryGet(key, out McpServerResource? template) ? template : Resources.TryGet(key, out McpServerResource? resource) ? resource : null;

    internal async ValueTask<Completion?> CompleteCustomAsync(McpRequestContext context, CompleteRequestParams request)
    {
        foreach (McpCompletionHandler handler in _completionHandlers)
        {
            if (await handler.Handler(context, request).ConfigureAwait(false) is { } completion)
            {
                return completion;
            }
        }

        return null;
    }

    private void Broadcast(string method)
    {
        Subscriptions.PublishListChanged(method);
        foreach (McpSession session in _sessions.Values)
        {
            if (session.IsInitialized)
            {
                session.TrySendNotification<JsonObject?>(method, null, null);
            }
        }
    }
}
