using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

public sealed partial class McpRequestContext
{
    private int _autoKey;

    /// <summary>The multi round-trip state of a modern <c>tools/call</c>, <c>prompts/get</c> or <c>resources/read</c>.</summary>
    internal McpInputRound? InputRound { get; set; }

    /// <summary>Cancels this request's handler (modern requests, which own their token source).</summary>
    internal CancellationTokenSource? HandlerCancellation { get; set; }

    /// <summary>Stops a handler that waits for input the client has not given: the request ends with <c>input_required</c>.</summary>
    internal void StopForInput() => HandlerCancellation?.Cancel();

    /// <summary>The task this handler runs as, if any: its token is the handler's, and on a modern request input waits in it.</summary>
    internal McpTaskRecord? TaskRecord { get; set; }

    /// <summary>
    /// A service scope the core owns for a handler that may outlive its request (a tool that defers task creation):
    /// it is disposed when the handler ends, not when the transport's request scope is.
    /// </summary>
    internal AsyncServiceScopeOwner? OwnedScope { get; private set; }

    /// <summary>Gives the handler a scope of its own (see <see cref="OwnedScope"/>).</summary>
    internal void UseOwnedScope(AsyncServiceScopeOwner scope)
    {
        OwnedScope = scope;
        Services = scope.Services;
    }

    /// <summary>Set by the dispatcher when the tool may detach itself as a task (it defers task creation and the client supports tasks).</summary>
    internal TaskCompletionSource<McpTaskRecord>? Detach { get; set; }

    /// <summary>
    /// Turns the rest of this tool call into a task, when the tool defers task creation and the client declared the
    /// tasks extension on the request: the client gets the task now, and the handler goes on in the background with
    /// the task's cancellation (input it asks for from here on waits in the task, answered by <c>tasks/update</c>).
    /// Ask for input the task needs before, so it is gathered synchronously. Elsewhere (a legacy session, a client
    /// without task support) this does nothing and the call simply continues.
    /// </summary>
    public ValueTask DetachAsTaskAsync()
    {
        if (Detach is not { } detach || TaskRecord is not null)
        {
            return ValueTask.CompletedTask;
        }

        McpTaskRecord task = Server.TaskEngine.TryCreateDetached(TaskOwner)
            ?? throw new McpRejectionException(McpRejection.ServerBusy, "Server busy: the task limit is reached; retry later.");
        TaskRecord = task;
        InputRound = null;
        detach.TrySetResult(task);
        return ValueTask.CompletedTask;
    }

    /// <summary>A context for <paramref name="task"/>'s run of this request: same client, the task's token and services.</summary>
    internal McpRequestContext ForTask(McpTaskRecord task, IServiceProvider services) =>
        new(Server, Session, _modern, RequestId, Method, relatedSink: null, services, task.Cancellation.Token)
        {
            Principal = Principal,
            TaskRecord = task,
        };

    /// <summary>Who owns tasks this request creates: its session, or the principal of a modern request.</summary>
    internal string TaskOwner => Session is { } session ? McpTaskEngine.SessionOwner(session.Id) : McpTaskEngine.PrincipalOwner(Principal);

    /// <summary>
    /// Asks the client for input and returns its answers, in either era. In a legacy session the requests go to the
    /// client now (concurrently) and this waits for the answers. On a modern request the answers come with the client's
    /// retry: if any is missing, the request ends with <c>input_required</c> listing what is missing, this call never
    /// returns (its token fires), and the handler runs again, from the start, when the client retries with the answers.
    /// Handlers should therefore ask before they change anything. Every request must be allowed by the client's
    /// declared capabilities (else <see cref="McpClientCapabilityRequiredException"/>).
    /// </summary>
    public async ValueTask<McpInputResponses> RequestInputsAsync(IReadOnlyList<McpInputRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (McpInputRequest request in requests)
        {
            CheckCapability(request);
        }

        if (!IsModern)
        {
            return await SendInputRequestsAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        if (TaskRecord is { } task)
        {
            // A task waits for its input: input_required until tasks/update brings the answers.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, cancellationToken);
            return new McpInputResponses(await task.RequireInputAsync(requests, linked.Token).ConfigureAwait(false));
        }

        if (InputRound is not { } round)
        {
            throw new McpException($"Input from the client is only possible in tools/call, prompts/get and resources/read, not in {Method}.", JsonRpcErrorCodes.InternalError);
        }

        if (round.TryAnswer(requests, out Dictionary<string, JsonElement> answers))
        {
            return new McpInputResponses(answers);
        }

        // The dispatcher answers input_required and cancels this handler; nothing after this line runs.
        await Task.Delay(Timeout.Infinite, CancellationToken).ConfigureAwait(false);
        throw new OperationCanceledException(CancellationToken);
    }

    /// <summary>Asks the user, through the client, for information (<c>elicitation/create</c>); see <see cref="RequestInputsAsync"/>.</summary>
    public async ValueTask<ElicitResult> ElicitAsync(string key, ElicitRequestParams request, CancellationToken cancellationToken = default) =>
        (await RequestInputsAsync([McpInputRequest.Elicit(key, request)], cancellationToken).ConfigureAwait(false)).GetElicitResult(key);

    /// <summary>Asks the user for information under an automatic key (the order of calls must not change between rounds).</summary>
    public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default) =>
        ElicitAsync(NextKey("elicitation"), request, cancellationToken);

    /// <summary>Asks the client's model for a completion (<c>sampling/createMessage</c>); see <see cref="RequestInputsAsync"/>.</summary>
    public async ValueTask<CreateMessageResult> SampleAsync(string key, CreateMessageRequestParams request, CancellationToken cancellationToken = default) =>
        (await RequestInputsAsync([McpInputRequest.Sample(key, request)], cancellationToken).ConfigureAwait(false)).GetSamplingResult(key);

    /// <summary>Asks the client's model for a completion under an automatic key.</summary>
    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default) =>
        SampleAsync(NextKey("sampling"), request, cancellationToken);

    /// <summary>Asks the client for its roots (<c>roots/list</c>); see <see cref="RequestInputsAsync"/>.</summary>
    public async ValueTask<ListRootsResult> ListRootsAsync(string key, CancellationToken cancellationToken = default) =>
        (await RequestInputsAsync([McpInputRequest.ListRoots(key)], cancellationToken).ConfigureAwait(false)).GetRoots(key);

    /// <summary>Asks the client for its roots under an automatic key.</summary>
    public ValueTask<ListRootsResult> ListRootsAsync(CancellationToken cancellationToken = default) =>
        ListRootsAsync(NextKey("roots"), cancellationToken);

    // 2025-11-25: every request a task sends carries io.modelcontextprotocol/related-task naming it.
    private static JsonElement WithRelatedTask(JsonElement parameters, string taskId)
    {
        System.Text.Json.Nodes.JsonObject node = parameters.ValueKind == JsonValueKind.Object
            ? System.Text.Json.Nodes.JsonObject.Create(parameters)!
            : [];
        System.Text.Json.Nodes.JsonObject meta = node["_meta"] as System.Text.Json.Nodes.JsonObject ?? [];
        meta[McpMetaKeys.RelatedTask] = new System.Text.Json.Nodes.JsonObject { ["taskId"] = taskId };
        node["_meta"] = meta;
        return JsonSerializer.SerializeToElement(node, McpJsonContext.Default.JsonObject);
    }

    private string NextKey(string kind) => string.Concat(kind, "-", Interlocked.Increment(ref _autoKey).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void CheckCapability(McpInputRequest request)
    {
        ClientCapabilities declared = ClientCapabilities;
        ClientCapabilities needed = request.Requires;
        string? missing = null;
        if (needed.Elicitation is { } elicitation)
        {
            bool url = elicitation.Url is not null;
            missing = declared.Elicitation is not { } has ? "elicitation (no 'elicitation' capability)"
                : url && has.Url is null ? "URL-mode elicitation"
                : !url && has.Form is null && has.Url is not null ? "form-mode elicitation" // an empty capability means form only
                : null;
        }
        else if (needed.Sampling is { } sampling)
        {
            missing = declared.Sampling is not { } has ? "sampling (no 'sampling' capability)"
                : sampling.Tools is not null && has.Tools is null ? "tool use in sampling (no 'sampling.tools' capability)"
                : null;
        }
        else if (needed.Roots is not null && declared.Roots is null)
        {
            missing = "roots (no 'roots' capability)";
        }

        if (missing is not null)
        {
            throw new McpClientCapabilityRequiredException(needed, $"The client does not support {missing}.");
        }
    }

    private async ValueTask<McpInputResponses> SendInputRequestsAsync(IReadOnlyList<McpInputRequest> requests, CancellationToken cancellationToken)
    {
        if (Session is not { } session)
        {
            throw new McpException("No session to send the request on.", JsonRpcErrorCodes.InternalError);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, cancellationToken);

        // A 2025-11-25 task shows input_required from before the client can see its requests until they are answered.
        TaskRecord?.WaitingForInput(true);
        var pending = new Task<JsonElement>[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            McpInputRequest request = requests[i];
            JsonElement parameters = TaskRecord is { } owner ? WithRelatedTask(request.Params, owner.Id) : request.Params;
            pending[i] = session.SendRequestAsync(request.Method, parameters, McpJsonContext.Default.JsonElement, McpJsonContext.Default.JsonElement, Sink, linked.Token).AsTask();
        }

        JsonElement[] results;
        try
        {
            results = await Task.WhenAll(pending).ConfigureAwait(false);
        }
        finally
        {
            TaskRecord?.WaitingForInput(false);
        }

        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (int i = 0; i < requests.Count; i++)
        {
            answers[requests[i].Key] = results[i];
        }

        return new McpInputResponses(answers);
    }
}
