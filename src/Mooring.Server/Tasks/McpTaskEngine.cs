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
/// is removed when its lifetime ends, cancelled first if it still runs. Ids are 128 random bits.
/// </summary>
internal sealed class McpTaskEngine
{
    private readonly McpServer _server;
    private readonly ConcurrentDictionary<string, McpTaskRecord> _tasks = new(StringComparer.Ordinal);

    public McpTaskEngine(McpServer server) => _server = server;

    /// <summary>Tasks held now, running or finished.</summary>
    public int Count => _tasks.Count;

    /// <summary>
    /// Starts <paramref name="run"/> as a task owned by <paramref name="owner"/>; null when the task budget is full.
    /// <paramref name="run"/> gets the task and its cancellation and returns the request's result.
    /// </summary>
    public McpTaskRecord? TryStart(string owner, bool modern, long? requestedTtlMs, Func<McpTaskRecord, IServiceProvider, Task<CallToolResult>> run)
    {
        McpRecord? created = TryCreate(owner, modern, requestedTtlMs);
        if (created is not { } record)
        {
            return null;
        }

        _ = RunAsync(record.Task, record.Lease, run);
        return record.Task;
    }

    /// <summary>Creates a task whose work is already running (a handler that detached itself); <see cref="Track"/> ends it.</summary>
    public McpTaskRecord? TryCreateDetached(string owner, out McpLease? lease)
    {
        McpRecord? created = TryCreate(owner, modern: true, requestedTtlMs: null);
        lease = created?.Lease;
        return created?.Task;
    }

    /// <summary>Ends <paramref name="task"/> with the outcome of <paramref name="work"/>.</summary>
    public static void Track(McpTaskRecord task, McpLease lease, Task<CallToolResult> work, AsyncServiceScopeOwner? scope) => _ = FinishDetachedAsync(task, lease, work, scope);

    private static async Task FinishDetachedAsync(McpTaskRecord task, McpLease lease, Task<CallToolResult> work, AsyncServiceScopeOwner? scope)
    {
        try
        {
            await FinishAsync(task, lease, work).ConfigureAwait(false);
        }
        finally
        {
            if (scope is not null)
            {
                await scope.DisposeOnceAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The task <paramref name="id"/> if <paramref name="owner"/> owns it.</summary>
    public McpTaskRecord? Find(string id, string owner) =>
        _tasks.TryGetValue(id, out McpTaskRecord? task) && task.Owner == owner ? task : null;

    /// <summary>The tasks <paramref name="owner"/> owns, oldest first.</summary>
    public IReadOnlyList<McpTaskRecord> ListOwnedBy(string owner) =>
        [.. _tasks.Values.Where(t => t.Owner == owner).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Cancels every task (the server stops).</summary>
    public void CancelAll()
    {
        foreach (McpTaskRecord task in _tasks.Values)
        {
            task.Cancel("The server is shutting down.");
        }
    }

    private McpRecord? TryCreate(string owner, bool modern, long? requestedTtlMs)
    {
        McpLease? lease = _server.Governor.TryLease(McpBudget.Tasks);
        if (lease is null)
        {
            return null;
        }

        McpTaskOptions options = _server.Options.Tasks;
        TimeSpan ttl = requestedTtlMs is > 0 and var ms ? TimeSpan.FromMilliseconds(Math.Min(ms, (long)options.MaxTtl.TotalMilliseconds)) : options.DefaultTtl;
        string id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var task = new McpTaskRecord(id, owner, modern, ttl, options.PollInterval, _server.TimeProvider);
        _tasks[id] = task;

        // The lifetime runs from creation: then the task goes, cancelled first if it still runs.
        ITimer expiry = _server.TimeProvider.CreateTimer(static s => ((Action)s!)(), (Action)(() => Expire(task, lease)), ttl, Timeout.InfiniteTimeSpan);
        task.Expiry = expiry;
        return new McpRecord(task, lease);
    }

    private void Expire(McpTaskRecord task, McpLease lease)
    {
        task.Cancel("The task's lifetime ended.");
        if (_tasks.TryRemove(new KeyValuePair<string, McpTaskRecord>(task.Id, task)))
        {
            task.Expiry?.Dispose();
            lease.End(McpEndReason.IdleTimeout);
        }
    }

    private async Task RunAsync(McpTaskRecord task, McpLease lease, Func<McpTaskRecord, IServiceProvider, Task<CallToolResult>> run)
    {
        await Task.Yield();
        AsyncServiceScope scope = _server.Services.CreateAsyncScope();
        try
        {
            await FinishAsync(task, lease, run(task, scope.ServiceProvider)).ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task FinishAsync(McpTaskRecord task, McpLease lease, Task<CallToolResult> work)
    {
        try
        {
            CallToolResult result = await work.ConfigureAwait(false);
            task.Complete(JsonSerializer.SerializeToElement(result, McpJsonContext.Default.CallToolResult));
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
            task.Fail(new McpTaskError { Code = JsonRpcErrorCodes.InternalError, Message = "Internal error." });
        }

        // The lease (a parameter so the caller's lease is the one tracked) is given back when the task expires.
        _ = lease;
    }

    private readonly record struct McpRecord(McpTaskRecord Task, McpLease Lease);
}
