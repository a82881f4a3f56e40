using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>The modern era's own parts of dispatch: <c>server/discover</c> and multi round-trip requests.</summary>
internal sealed partial class McpDispatcher
{
    private ValueTask<McpOutgoingMessage> DiscoverAsync(McpRequestContext ctx, ReadOnlyMemory<byte> raw)
    {
        if (!TryParams(ctx, raw, McpJsonContext.Default.RequestParams, new RequestParams(), out RequestParams _, out McpOutgoingMessage? error))
        {
            return ValueTask.FromResult(error!);
        }

        var result = new DiscoverResult
        {
            SupportedVersions = McpProtocolVersions.All,
            Capabilities = _server.ModernCapabilities,
            Instructions = _server.Options.Instructions,
        };
        return ValueTask.FromResult(ctx.Reply(result, McpJsonContext.Default.DiscoverResult, _server.Options.Caching.Discover));
    }

    /// <summary>
    /// Runs a handler that may ask the client for input. Legacy: it simply runs (input goes to the client as requests).
    /// Modern: the retry's <c>requestState</c> is opened (altered, expired or foreign state is rejected), its answers
    /// and the retry's <c>inputResponses</c> are offered to the handler; if the handler asks for something unanswered,
    /// it is stopped and the client gets <c>input_required</c> with new sealed state carrying the answers it read.
    /// </summary>
    private async ValueTask<McpOutgoingMessage> WithInputAsync<T>(
        McpRequestContext ctx, InputResponseRequestParams p, string target, JsonElement? arguments, Func<ValueTask<T>> run, Func<McpRequestContext, T, McpOutgoingMessage> reply)
    {
        if (!ctx.IsModern)
        {
            return reply(ctx, await run().ConfigureAwait(false));
        }

        McpRequestStateProtector protector = _server.RequestState;

        // The binding (a hash of who, what and the arguments) is only needed to open state or to seal new state.
        byte[]? binding = null;
        Dictionary<string, JsonElement>? answers = null;
        if (p.RequestState is { } state)
        {
            binding = McpRequestStateProtector.Bind(ctx.Principal, ctx.Method, target, arguments);
            if (!protector.TryOpen(state, binding, out answers, out string? stateError))
            {
                return McpOutgoingMessage.Rejection(ctx.RequestId, McpRejection.InvalidParams, stateError);
            }
        }

        if (p.InputResponses is { } responses)
        {
            answers ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonElement> response in responses)
            {
                answers[response.Key] = response.Value;
            }
        }

        var round = new McpInputRound(answers);
        ctx.InputRound = round;
        return await AwaitInputRoundAsync(ctx, round, run(), binding, target, arguments, reply).ConfigureAwait(false);
    }

    /// <summary>
    /// The rest of <see cref="WithInputAsync"/> once the handler runs in <paramref name="round"/>: its answer, a task it
    /// became, or (when it waits for input the round lacks) input_required with sealed state.
    /// </summary>
    private async ValueTask<McpOutgoingMessage> AwaitInputRoundAsync<T>(
        McpRequestContext ctx, McpInputRound round, ValueTask<T> pending, byte[]? binding, string target, JsonElement? arguments, Func<McpRequestContext, T, McpOutgoingMessage> reply)
    {
        if (pending.IsCompletedSuccessfully && ctx.Detach is null)
        {
            // Finished without waiting: it asked for nothing it lacked (a missing answer never completes), so no race to run.
            return reply(ctx, pending.Result);
        }

        McpRequestStateProtector protector = _server.RequestState;
        Task<T> handler = pending.AsTask();
        Task detached = ctx.Detach?.Task ?? Task.Delay(Timeout.Infinite, CancellationToken.None);
        _ = await Task.WhenAny(handler, round.Needed, detached).ConfigureAwait(false);
        if (detached.IsCompleted && handler is Task<CallToolResult> work)
        {
            // The tool made itself a task after gathering its input: the client gets the task; the work goes on.
            McpTaskRecord task = ctx.Detach!.Task.Result;
            _server.TaskEngine.Track(task, work, ctx.OwnedScope);
            return ctx.Reply(task.ToDetailed(McpResultTypes.Task, withOutcome: false), McpJsonContext.Default.DetailedTask);
        }

        if (handler.IsCompleted)
        {
            return reply(ctx, await handler.ConfigureAwait(false));
        }

        // The handler waits for input it does not have: stop it, then hand the client what is missing.
        ctx.StopForInput();
        try
        {
            await handler.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Expected: the handler was cancelled while it waited. Its outcome no longer matters.
        }

        var input = new InputRequiredResult
        {
            ResultType = McpResultTypes.InputRequired,
            InputRequests = round.Requests,
            RequestState = protector.Protect(binding ?? McpRequestStateProtector.Bind(ctx.Principal, ctx.Method, target, arguments), round.Used),
        };
        return ctx.Reply(input, McpJsonContext.Default.InputRequiredResult);
    }

    private static McpOutgoingMessage UrlElicitationInput(McpRequestContext ctx, McpUrlElicitationRequiredException ex)
    {
        var requests = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
        for (int i = 0; i < ex.Elicitations.Count; i++)
        {
            ElicitRequestParams e = ex.Elicitations[i];
            var modern = new ElicitRequestParams { Mode = "url", Message = e.Message, Url = e.Url };
            requests[e.ElicitationId ?? $"url-elicitation-{i + 1}"] = new InputRequest { Method = McpMethods.ElicitationCreate, Params = JsonSerializer.SerializeToElement(modern, McpJsonContext.Default.ElicitRequestParams) };
        }

        return ctx.Reply(new InputRequiredResult { ResultType = McpResultTypes.InputRequired, InputRequests = requests }, McpJsonContext.Default.InputRequiredResult);
    }

    // subscriptions/listen is a stream the transport serves itself (HTTP does); one that cannot says so plainly.
    private static McpOutgoingMessage ListenUnavailable(McpRequestContext ctx) =>
        McpOutgoingMessage.Error(ctx.RequestId, JsonRpcErrorCodes.InternalError, "subscriptions/listen is not served over this transport.");

    private static byte[] UriData(string uri)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + uri.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("uri", uri);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
