namespace Mooring.Server;

/// <summary>The kinds of resource the server holds, each a budget of <see cref="McpResourceGovernor"/> with a cap.</summary>
public enum McpBudget
{
    /// <summary>Live sessions (all of them, idle or busy).</summary>
    Sessions,

    /// <summary>Client requests whose handlers are running.</summary>
    Handlers,

    /// <summary>Handlers still running after their client left, so their result can be resumed.</summary>
    DetachedHandlers,

    /// <summary>Open session-level SSE streams (GET).</summary>
    GetStreams,

    /// <summary>Open SSE streams answering a POST.</summary>
    PostStreams,

    /// <summary>Open <c>subscriptions/listen</c> streams (modern era).</summary>
    ListenStreams,

    /// <summary>Tasks held (running, or finished and kept for their lifetime).</summary>
    Tasks,
}
