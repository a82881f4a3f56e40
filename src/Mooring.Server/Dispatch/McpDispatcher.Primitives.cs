using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

internal sealed partial class McpDispatcher
{
    private async ValueTask<McpOutgoingMessage> CallToolAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        // The common call (no task, no input answered yet): the tool binds its arguments from the request's bytes, and
        // a modern request's _meta, which the transport read already, is not read again.
        if (CallToolParamsReader.TryRead(raw, ctx.IsModern, out string name, out ReadOnlyMemory<byte> arguments, out RequestMeta? meta))
        {
            ctx.ProgressToken = ctx.IsModern ? ctx.ModernMeta!.ProgressToken : meta?.ProgressToken;
            if (!_server.Tools.TryGet(name, out McpServerTool? plain))
            {
                return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Unknown tool: {Truncate(name)}");
            }

            if (!ctx.IsModern)
            {
                if (plain.TaskSupport == McpTaskSupport.Required)
                {
                    return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.MethodNotFound, $"The tool '{Truncate(name)}' runs only as a task (task-augmented tools/call).");
                }

                return ctx.Reply(await plain.InvokeRawAsync(ctx, arguments).ConfigureAwait(false), McpJsonContext.Default.CallToolResult);
            }

            // Modern: a tool that may become a task goes the general way below, where the tasks extension decides.
            if (plain.TaskSupport == McpTaskSupport.Forbidden)
            {
                return await CallToolFromBytesAsync(ctx, plain, name, arguments).ConfigureAwait(false);
            }
        }

        if (!TryParams(ctx, raw, McpJsonContext.Default.CallToolRequestParams, null, out CallToolRequestParams p, out McpOutgoingMessage? error))
        {
            return error!;
        }

        if (!_server.Tools.TryGet(p.Name, out McpServerTool? tool))
        {
            return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Unknown tool: {Truncate(p.Name)}");
        }

        McpTaskSupport support = tool.TaskSupport;
        if (ctx.IsModern)
        {
            // Tasks extension: the server decides; a task-only tool needs the extension declared on this request.
            bool clientTasks = ClientSupportsTasks(ctx);
            if (support == McpTaskSupport.Required && !clientTasks)
            {
                throw new McpClientCapabilityRequiredException(TasksExtension, $"The tool '{Truncate(p.Name)}' runs only as a task; declare the io.modelcontextprotocol/tasks extension.");
            }

            if (clientTasks && support != McpTaskSupport.Forbidden)
            {
                if (!tool.DefersTaskCreation)
                {
                    return StartTask(ctx, tool, p, ttlMs: null);
                }

                // The handler may outlive the request: it gets a scope the core owns, disposed when the handler ends.
                ctx.Detach = new TaskCompletionSource<McpTaskRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
                ctx.UseOwnedScope(new AsyncServiceScopeOwner(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(_server.Services)));
                try
                {
                    return await CallToolWithInputAsync(ctx, p, tool).ConfigureAwait(false);
                }
                finally
                {
                    if (ctx.TaskRecord is null)
                    {
                        await ctx.OwnedScope!.DisposeOnceAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        else if (p.Task is { } augmented)
        {
            // 2025-11-25: a task-augmented call of a tool that cannot be a task is "method not found" (spec SHOULD).
            return support == McpTaskSupport.Forbidden
                ? McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.MethodNotFound, $"The tool '{Truncate(p.Name)}' does not run as a task.")
                : StartTask(ctx, tool, p, augmented.Ttl);
        }
        else if (support == McpTaskSupport.Required)
        {
            return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.MethodNotFound, $"The tool '{Truncate(p.Name)}' runs only as a task (task-augmented tools/call).");
        }

        if (!ctx.IsModern)
        {
            // No input round in a session: the call simply runs (and allocates no closure for WithInputAsync).
            return ctx.Reply(await tool.InvokeAsync(ctx, p.Arguments).ConfigureAwait(false), McpJsonContext.Default.CallToolResult);
        }

        return await CallToolWithInputAsync(ctx, p, tool).ConfigureAwait(false);
    }

    /// <summary>
    /// A modern call read from the bytes: the handler runs in an input round with no answers yet (the reader declines
    /// requestState and inputResponses). Finished at once, it is answered at once; otherwise its arguments are kept
    /// (the request's bytes may be reused once this awaits) to seal the state an input_required answer carries.
    /// </summary>
    private ValueTask<McpOutgoingMessage> CallToolFromBytesAsync(McpRequestContext ctx, McpServerTool tool, string name, ReadOnlyMemory<byte> arguments)
    {
        var round = new McpInputRound(null);
        ctx.InputRound = round;
        ValueTask<CallToolResult> pending = tool.InvokeRawAsync(ctx, arguments);
        if (pending.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(ctx.Reply(pending.Result, McpJsonContext.Default.CallToolResult));
        }

        JsonElement? kept = arguments.IsEmpty ? null : JsonSerializer.Deserialize(arguments.Span, McpJsonContext.Default.JsonElement);
        return AwaitInputRoundAsync(ctx, round, pending, binding: null, name, kept, static (c, r) => c.Reply(r, McpJsonContext.Default.CallToolResult));
    }

    // Apart, so the closure's captures are allocated only on this path, not on entry to CallToolAsync.
    private ValueTask<McpOutgoingMessage> CallToolWithInputAsync(McpRequestContext ctx, CallToolRequestParams p, McpServerTool tool) =>
        WithInputAsync(ctx, p, p.Name, p.Arguments, () => tool.InvokeAsync(ctx, p.Arguments), static (c, r) => c.Reply(r, McpJsonContext.Default.CallToolResult));

    private async ValueTask<McpOutgoingMessage> GetPromptAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.GetPromptRequestParams, null, out GetPromptRequestParams p, out McpOutgoingMessage? error))
        {
            return error!;
        }

        if (!_server.Prompts.TryGet(p.Name, out McpServerPrompt? prompt))
        {
            return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Unknown prompt: {Truncate(p.Name)}");
        }

        System.Text.Json.JsonElement? arguments = p.Arguments is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(p.Arguments, McpJsonContext.Default.DictionaryStringString);
        return await WithInputAsync(ctx, p, p.Name, arguments, () => prompt.GetAsync(ctx, p.Arguments), static (c, r) => c.Reply(r, McpJsonContext.Default.GetPromptResult)).ConfigureAwait(false);
    }

    private async ValueTask<McpOutgoingMessage> ReadResourceAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.ReadResourceRequestParams, null, out ReadResourceRequestParams p, out McpOutgoingMessage? error))
        {
            return error!;
        }

        if (!_server.TryFindResource(p.Uri, out McpServerResource? resource, out IReadOnlyDictionary<string, string>? variables))
        {
            // 2026-07-28 retired -32002: an unknown resource is invalid params there, naming the URI.
            return ctx.IsModern
                ? McpOutgoingMessage.Error(ctx.RequestId, JsonRpcErrorCodes.InvalidParams, $"Resource not found: {Truncate(p.Uri)}", UriData(p.Uri))
                : McpOutgoingMessage.Error(ctx.RequestId, JsonRpcErrorCodes.ResourceNotFound, $"Resource not found: {Truncate(p.Uri)}");
        }

        McpCacheHint cache = resource.CacheHint ?? _server.Options.Caching.ResourceReads;
        return await WithInputAsync(ctx, p, p.Uri, null, () => resource.ReadAsync(ctx, p.Uri, variables), (c, r) => c.Reply(r, McpJsonContext.Default.ReadResourceResult, cache)).ConfigureAwait(false);
    }

    private static ValueTask<McpOutgoingMessage> SubscribeAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw, bool subscribe)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.SubscribeRequestParams, null, out SubscribeRequestParams p, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        if (subscribe)
        {
            // Any well-formed URI may be watched, including ones that will only exist later.
            if (!Uri.TryCreate(p.Uri, UriKind.Absolute, out _))
            {
                return ValueTask.FromResult(McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, "Invalid params: uri must be an absolute URI."));
            }

            ctx.Session!.Subscribe(p.Uri);
        }
        else
        {
            ctx.Session!.Unsubscribe(p.Uri);
        }

        return ValueTask.FromResult(ctx.Reply(new EmptyResult(), McpJsonContext.Default.EmptyResult));
    }

    private async ValueTask<McpOutgoingMessage> CompleteAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.CompleteRequestParams, null, out CompleteRequestParams p, out McpOutgoingMessage? error))
        {
            return error!;
        }

        Completion? completion = null;
        switch (p.Ref.Type)
        {
            case "ref/prompt":
                if (p.Ref.Name is null || !_server.Prompts.TryGet(p.Ref.Name, out McpServerPrompt? prompt))
                {
                    return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Unknown prompt: {Truncate(p.Ref.Name ?? string.Empty)}");
                }

                completion = await _server.CompleteCustomAsync(ctx, p).ConfigureAwait(false) ?? prompt.Complete(p.Argument.Name, p.Argument.Value);
                break;
            case "ref/resource":
                McpServerResource? resource = p.Ref.Uri is null ? null : _server.FindByKey(p.Ref.Uri);
                if (resource is null)
                {
                    return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, $"Unknown resource template: {Truncate(p.Ref.Uri ?? string.Empty)}");
                }

                completion = await _server.CompleteCustomAsync(ctx, p).ConfigureAwait(false) ?? resource.Complete(p.Argument.Name, p.Argument.Value);
                break;
            default:
                return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, "Invalid params: ref.type must be ref/prompt or ref/resource.");
        }

        var result = new CompleteResult { Completion = completion ?? new Completion() };
        if (result.Completion.Values.Count > McpCompletions.MaxValues)
        {
            result.Completion = McpCompletions.Filter(result.Completion.Values, string.Empty);
        }

        return ctx.Reply(result, McpJsonContext.Default.CompleteResult);
    }

    private static ValueTask<McpOutgoingMessage> SetLevelAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.SetLevelRequestParams, null, out SetLevelRequestParams p, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        ctx.Session!.LogLevel = p.Level;
        return ValueTask.FromResult(ctx.Reply(new EmptyResult(), McpJsonContext.Default.EmptyResult));
    }
}
