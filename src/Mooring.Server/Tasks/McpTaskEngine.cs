using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// The one task store of the server, for 2025-11-25 tasks (legacy sessions) and the tasks extension (modern
/// requests). Each task is leased from <see cref="McpBudget.Tasks"/>, owned by its requester (a session or a
/// principal; others are told it does not exist), runs in a service scope of its own with its own cancellation, and
/// is removed, cancelled first if it still runs, when its lifetime ends or when the session that owns it ends; when the
/// server stops, running tasks are cancelled. Ids are 128 random bits.
/// </summary>
internal sealed class McpTaskEngine
{
    private readonly McpServer _server;
    private readonly ConcurrentDictionary<string, McpTaskRecord> _tasks = new(StringComparer.Ordinal);

    public McpTaskEngine(McpServer server) => _server = server;

    /// <summary>The owner of the tasks a session creates.</summary>
    public static string SessionOwner(string sessionId) => "session:" + sessionId;

    /// <summary>The owner of the tasks a modern request creates: its authenticated principal (empty when anonymous).</summary>
    public static string PrincipalOwner(string principal) => "principal:" + principal;

    /// <summary>Tasks held now, running or finished.</summary>
    public int Count => _tasks.Count;

    /// <summary>
    /// Starts <paramref name="run"/> as a task owned by <paramref name="owner"/>; null when the task budget is full.
    /// <paramref name="run"/> gets the task and a service provider of the task's own scope, and returns the result.
    /// </summary>
    public McpTaskRecord? TryStart(string owner, bool modern, long? requestedTtlMs, Func<McpTaskRecord, IServiceProvider, Task<CallToolResult>> run)
    {
        McpTaskRecord? task = TryCreate(owner, modern, requestedTtlMs);
        if (task is not null)
        {
            _ = RunAsync(task, run);
        }

        return task;
    }

    /// <summary>Creates a task whose work is already running (a handler that detached itself); <see cref="Track"/> ends it.</summary>
    public McpTaskRecord? TryCreateDetached(string owner) => TryCreate(owner, modern: true, requestedTtlMs: null);

    /// <summary>Ends <paramref name="task"/> with the outcome of <paramref name="work"/>, then disposes <paramref name="scope"/>.</summary>
    public void Track(McpTaskRecord task, Task<CallToolResult> work, AsyncServiceScopeOwner? scope) => _ = FinishDetachedAsync(task, work, scope);

    /// <summary>The task <paramref name="id"/> if <paramref name="owner"/> owns it.</summary>
    public McpTaskRecord? Find(string id, string owner) =>
        _tasks.TryGetValue(id, out McpTaskRecord? task) && task.Owner == owner ? task : null;

    /// <summary>The tasks <paramref name="owner"/> owns, oldest first (by creation, then id).</summary>
    public IReadOnlyList<McpTaskRecord> ListOwnedBy(string owner) =>
        [.. _tasks.Values.Where(t => t.Owner == owner).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Removes every task of <paramref name="owner"/> (its session ended: nobody can reach them any more).</summary>
    public void RemoveOwnedBy(string owner, McpEndReason reason)
    {
        foreach (McpTaskRecord task in _tasks.Values)
        {
            if (task.Owner == owner)
            {
                Remove(task, "The session that owned the task ended.", reason);
            }
        }
    }

    /// <summary>
    /// Cancels every running task (the server stops). Their outcome stays readable while the server still answers;
    /// their leases end with them, at their lifetime's end or with the process.
    /// </summary>
    public void CancelAll()
    {
        foreach (McpTaskRecord task in _tasks.Values)
        {
            task.Cancel("The server is shutting down.");
        }
    }

    private McpTaskRecord? TryCreate(string owner, bool modern, long? requestedTtlMs)
    {
        McpLease? lease = _server.Governor.TryLease(McpBudget.Tasks);
        if (lease is null)
        {
            return null;
        }

        McpTaskOptions options = _server.Options.Tasks;
        TimeSpan ttl = requestedTtlMs is > 0 and var ms ? TimeSpan.FromMilliseconds(Math.Min(ms, (long)options.MaxTtl.TotalMilliseconds)) : options.DefaultTtl;
        string id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var task = new McpTaskRecord(id, owner, modern, ttl, options.PollInterval, _server.TimeProvider) { Lease = lease };
        _tasks[id] = task;

        // The lifetime runs from creation: then the task goes, cancelled first if it still runs.
        task.Expiry = _server.TimeProvider.CreateTimer(
            static s => { (McpTaskEngine engine, McpTaskRecord t) = ((McpTaskEngine, McpTaskRecord))s!; engine.Remove(t, "The task's lifetime ended.", McpEndReason.IdleTimeout); },
            (this, task),
            ttl,
            Timeout.InfiniteTimeSpan);
        return task;
    }

    private void Remove(McpTaskRecord task, string reason, McpEndReason endReason)
    {
        task.Cancel(reason);
        if (_tasks.TryRemove(new KeyValuePair<string, McpTaskRecord>(task.Id, task)))
        {
            task.Expiry?.Dispose();
            task.Lease?.End(endReason);
        }
    }

    private async Task RunAsync(McpTaskRecord task, Func<McpTaskRecord, IServiceProvider, Task<CallToolResult>> run)
    {
        await Task.Yield();
        AsyncServiceScope scope = _server.Services.CreateAsyncScope();
        try
        {
            await FinishAsync(task, run(task, scope.ServiceProvider)).ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task FinishDetachedAsync(McpTaskRecord task, Task<CallToolResult> work, AsyncServiceScopeOwner? scope)
    {
        try
        {
            await FinishAsync(task, work).ConfigureAwait(false);
        }
        finally
        {
            if (scope is not null)
            {
                await scope.DisposeOnceAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task FinishAsync(McpTaskRecord task, Task<CallToolResult> work)
    {
        try
        {
            CallToolResult result = await work.ConfigureAwait(false);
            JsonElement json = JsonSerializer.SerializeToElement(result, McpJsonContext.Default.CallToolResult);
            if (result.IsError == true && !task.Modern)
            {
                // 2025-11-25: a tool error ends the task failed; tasks/result still returns the tool's result. (The
                // tasks extension calls the same outcome completed, with isError in the result.)
                task.FailWithResult(json, "The tool reported an error.");
            }
            else
            {
                task.Complete(json);
            }
        }
        catch (OperationCanceledException) when (task.Cancellation.IsCancellationRequested)
        {
            task.Cancel("Cancelled.");
        }
        catch (McpException ex)
        {
            task.Fail(new McpTaskError { Code = ex.ErrorCode, Message = ex.Message });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Tool exceptions are tool results already (MethodServerTool); what reaches here is a server fault.
            McpServerLog.TaskFailed(_server.Logger, ex, task.Id);
            task.Fail(new McpTaskError { Code = JsonRpcErrorCodes.InternalError, Message = "Internal error." });
        }
    }
}
