using System.Text.Json;
using System.Text.Json.Nodes;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// Tasks over one store: 2025-11-25 task-augmented <c>tools/call</c> with <c>tasks/get</c>, <c>tasks/result</c>,
/// <c>tasks/list</c> and <c>tasks/cancel</c> in sessions; the tasks extension for modern requests (server-directed
/// creation, flat task results, <c>tasks/get</c>, <c>tasks/update</c> and <c>tasks/cancel</c>, gated on the
/// extension declared by each request). A task is visible only to the session or principal that created it.
/// </summary>
internal sealed partial class McpDispatcher
{
    private static ClientCapabilities TasksExtension => new() { Extensions = new JsonObject { [McpExtensionIds.Tasks] = new JsonObject() } };

    private static bool ClientSupportsTasks(McpRequestContext ctx) => ctx.ClientCapabilities.Extensions?.ContainsKey(McpExtensionIds.Tasks) == true;

    /// <summary>Starts <paramref name="tool"/> as a task and answers with the task (flat on modern, wrapped on legacy).</summary>
    private McpOutgoingMessage StartTask(McpRequestContext ctx, McpServerTool tool, CallToolRequestParams p, long? ttlMs)
    {
        JsonElement? arguments = p.Arguments;
        McpTaskRecord? task = _server.TaskEngine.TryStart(ctx.TaskOwner, ctx.IsModern, ttlMs, (record, services) =>
            tool.InvokeAsync(ctx.ForTask(record, services), arguments).AsTask());
        if (task is null)
        {
            return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.ServerBusy, "Server busy: the task limit is reached; retry later.");
        }

        return ctx.IsModern
            ? ctx.Reply(task.ToDetailed(McpResultTypes.Task, withOutcome: false), McpJsonContext.Default.DetailedTask)
            : McpOutgoingMessage.Result(ctx.RequestId, new CreateTaskResult { Task = task.ToLegacy() }, McpJsonContext.Default.CreateTaskResult);
    }

    private ValueTask<McpOutgoingMessage> TasksGetAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryTask(ctx, raw, out McpTaskRecord? task, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        return ValueTask.FromResult(ctx.IsModern
            ? ctx.Reply(task!.ToDetailed(McpResultTypes.Complete, withOutcome: true), McpJsonContext.Default.DetailedTask)
            : McpOutgoingMessage.Result(ctx.RequestId, task!.ToLegacy(), McpJsonContext.Default.McpTask));
    }

    private ValueTask<McpOutgoingMessage> TasksCancelAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryTask(ctx, raw, out McpTaskRecord? task, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        if (ctx.IsModern)
        {
            // The extension's cancel is idempotent: a finished task is acknowledged as it is.
            task!.Cancel("Cancelled by the client.");
            return ValueTask.FromResult(ctx.Reply(new EmptyResult(), McpJsonContext.Default.EmptyResult));
        }

        // 2025-11-25: a task in a terminal status cannot be cancelled (-32602); otherwise it is cancelled before the answer.
        return ValueTask.FromResult(task!.Cancel("Cancelled by the client.")
            ? McpOutgoingMessage.Result(ctx.RequestId, task.ToLegacy(), McpJsonContext.Default.McpTask)
            : McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Invalid params: the task is already {task.Status}."));
    }

    private ValueTask<McpOutgoingMessage> TasksUpdateAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!ClientSupportsTasks(ctx))
        {
            throw new McpClientCapabilityRequiredException(TasksExtension, "tasks/update needs the io.modelcontextprotocol/tasks extension declared on the request.");
        }

        if (!TryParams(ctx, raw, McpJsonContext.Default.TaskUpdateRequestParams, null, out TaskUpdateRequestParams p, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        if (_server.TaskEngine.Find(p.TaskId, ctx.TaskOwner) is not { } task)
        {
            return ValueTask.FromResult(UnknownTask(ctx));
        }

        task.Update(p.InputResponses ?? []);
        return ValueTask.FromResult(ctx.Reply(new EmptyResult(), McpJsonContext.Default.EmptyResult));
    }

    private async ValueTask<McpOutgoingMessage> TasksResultAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryTask(ctx, raw, out McpTaskRecord? task, out McpOutgoingMessage? error))
        {
            return error!;
        }

        // 2025-11-25: block until the task ends, then answer exactly as the request would have.
        await task!.Terminal.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        (JsonElement? result, McpTaskError? failure) = task.Outcome();
        if (result is { } json && json.Deserialize(McpJsonContext.Default.CallToolResult) is { } callResult)
        {
            callResult.Meta = new ResultMeta
            {
                Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
                {
                    [McpMetaKeys.RelatedTask] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["taskId"] = task.Id }, McpJsonContext.Default.DictionaryStringString),
                },
            };
            return McpOutgoingMessage.Result(ctx.RequestId, callResult, McpJsonContext.Default.CallToolResult);
        }

        return failure is { } f
            ? McpOutgoingMessage.Error(ctx.RequestId, f.Code, f.Message)
            : McpOutgoingMessage.Error(ctx.RequestId, JsonRpcErrorCodes.InternalError, "The task was cancelled.");
    }

    private ValueTask<McpOutgoingMessage> TasksListAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.PaginatedRequestParams, new PaginatedRequestParams(), out PaginatedRequestParams p, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        IReadOnlyList<McpTaskRecord> owned = _server.TaskEngine.ListOwnedBy(ctx.TaskOwner);
        IEnumerable<McpTaskRecord> rest = owned;
        if (!string.IsNullOrEmpty(p.Cursor))
        {
            // The cursor names a position (creation time, then id), not a task: it still works when that task expired.
            if (!TryDecodeCursor(p.Cursor, out string? after) || !TryParseTaskPosition(after, out long ticks, out string? afterId))
            {
                return ValueTask.FromResult(McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, "Invalid params: the cursor is not one this server issued."));
            }

            rest = owned.Where(t => t.CreatedAt.UtcTicks > ticks || (t.CreatedAt.UtcTicks == ticks && string.CompareOrdinal(t.Id, afterId) > 0));
        }

        var page = rest.Take(_server.Options.PageSize + 1).ToList();
        bool more = page.Count > _server.Options.PageSize;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var result = new ListTasksResult
        {
            Tasks = [.. page.Select(t => t.ToLegacy())],
            NextCursor = more ? EncodeCursor(string.Concat(page[^1].CreatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", page[^1].Id)) : null,
        };
        return ValueTask.FromResult(McpOutgoingMessage.Result(ctx.RequestId, result, McpJsonContext.Default.ListTasksResult));
    }

    /// <summary>Finds the task named by <c>taskId</c> for this requester; on modern requests the extension must be declared first.</summary>
    private bool TryTask(McpRequestContext ctx, ReadOnlyMemory<byte> raw, out McpTaskRecord? task, out McpOutgoingMessage? error)
    {
        task = null;
        if (ctx.IsModern && !ClientSupportsTasks(ctx))
        {
            // The gate comes before the id is looked at.
            throw new McpClientCapabilityRequiredException(TasksExtension, $"{ctx.Method} needs the io.modelcontextprotocol/tasks extension declared on the request.");
        }

        if (!TryParams(ctx, raw, McpJsonContext.Default.TaskIdRequestParams, null, out TaskIdRequestParams p, out error))
        {
            return false;
        }

        task = _server.TaskEngine.Find(p.TaskId, ctx.TaskOwner);
        error = task is null ? UnknownTask(ctx) : null;
        return task is not null;
    }

    private static bool TryParseTaskPosition(string? position, out long ticks, out string? id)
    {
        ticks = 0;
        id = null;
        int bar = position?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        if (bar <= 0 || !long.TryParse(position.AsSpan(0, bar), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ticks))
        {
            return false;
        }

        id = position![(bar + 1)..];
        return true;
    }

    private static McpOutgoingMessage UnknownTask(McpRequestContext ctx) =>
        McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, "Invalid params: no such task.");
}
