using System.Globalization;
using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// One task: who owns it, its status and the moments it changed, and once it ends its result or error. While it waits
/// for input (tasks extension) it holds the open input requests; answers arrive through <see cref="Update"/>. Every
/// transition follows the spec's graph: a terminal status never changes again.
/// </summary>
internal sealed class McpTaskRecord
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, InputRequest> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _answers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _terminal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _inputArrived;
    private string _status = McpTaskStatuses.Working;
    private string? _statusMessage;
    private DateTimeOffset _updatedAt;
    private JsonElement? _result;
    private McpTaskError? _error;

    public McpTaskRecord(string id, string owner, bool modern, TimeSpan ttl, TimeSpan pollInterval, TimeProvider time)
    {
        Id = id;
        Owner = owner;
        Modern = modern;
        Ttl = ttl;
        PollInterval = pollInterval;
        _time = time;
        CreatedAt = _updatedAt = time.GetUtcNow();
    }

    public string Id { get; }

    /// <summary>Who may see it: a session (legacy) or an authenticated principal (modern).</summary>
    public string Owner { get; }

    public bool Modern { get; }

    public TimeSpan Ttl { get; }

    public TimeSpan PollInterval { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Cancels the work; fired by <c>tasks/cancel</c>, expiry and server shutdown.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The lease that counts the task in <see cref="McpBudget.Tasks"/> until it is removed.</summary>
    public McpLease? Lease { get; init; }

    /// <summary>The timer that removes the task when its lifetime ends.</summary>
    public ITimer? Expiry { get; set; }

    /// <summary>Completes when the task reaches a terminal status.</summary>
    public Task Terminal => _terminal.Task;

    public string Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Ends the task with the request's result (tool errors included: they are results).</summary>
    public void Complete(JsonElement result) => End(McpTaskStatuses.Completed, result, null, null);

    /// <summary>Ends the task with the JSON-RPC error its request produced.</summary>
    public void Fail(McpTaskError error) => End(McpTaskStatuses.Failed, null, error, error.Message);

    /// <summary>Ends the task failed while keeping the request's result (a 2025-11-25 tool error: <c>tasks/result</c> returns it).</summary>
    public void FailWithResult(JsonElement result, string message) => End(McpTaskStatuses.Failed, result, null, message);

    /// <summary>Shows <c>input_required</c> while a 2025-11-25 task waits for the client to answer its requests.</summary>
    public void WaitingForInput(bool waiting)
    {
        lock (_gate)
        {
            if (!McpTaskStatuses.IsTerminal(_status))
            {
                Touch(waiting ? McpTaskStatuses.InputRequired : McpTaskStatuses.Working, waiting ? "Waiting for input from the client." : null);
            }
        }
    }

    /// <summary>Cancels the task (idempotent); false when it had already ended otherwise.</summary>
    public bool Cancel(string reason)
    {
        bool ended = End(McpTaskStatuses.Cancelled, null, null, reason);
        Cancellation.Cancel(); // idempotent; for a task that had already ended, stops work that may still run
        return ended;
    }

    /// <summary>
    /// Waits for answers to <paramref name="requests"/> (tasks extension): the task shows <c>input_required</c> with
    /// the unanswered ones until <see cref="Update"/> has brought every answer.
    /// </summary>
    public async Task<Dictionary<string, JsonElement>> RequireInputAsync(IReadOnlyList<McpInputRequest> requests, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (McpInputRequest request in requests)
                {
                    if (_answers.TryGetValue(request.Key, out JsonElement answer))
                    {
                        found[request.Key] = answer;
                    }
                    else
                    {
                        _pending[request.Key] = new InputRequest { Method = request.Method, Params = request.Params };
                    }
                }

                if (found.Count == requests.Count)
                {
                    if (_status == McpTaskStatuses.InputRequired && _pending.Count == 0)
                    {
                        Touch(McpTaskStatuses.Working, null);
                    }

                    return found;
                }

                if (McpTaskStatuses.IsTerminal(_status))
                {
                    throw new OperationCanceledException("The task ended while it waited for input.", Cancellation.Token);
                }

                Touch(McpTaskStatuses.InputRequired, "Waiting for input from the client.");
                _inputArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _inputArrived.Task;
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes answers (<c>tasks/update</c>): keys the task waits for are answered and removed; others are ignored.</summary>
    public void Update(IReadOnlyDictionary<string, JsonElement> responses)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            foreach (KeyValuePair<string, JsonElement> response in responses)
            {
                if (_pending.Remove(response.Key))
                {
                    _answers[response.Key] = response.Value.Clone();
                    wake = _inputArrived;
                }
            }

            if (wake is not null)
            {
                _inputArrived = null;
                if (_pending.Count == 0 && _status == McpTaskStatuses.InputRequired)
                {
                    Touch(McpTaskStatuses.Working, null);
                }
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>The task as the tasks extension shows it (<paramref name="resultType"/> <c>task</c> on creation, else <c>complete</c>).</summary>
    public DetailedTask ToDetailed(string resultType, bool withOutcome)
    {
        lock (_gate)
        {
            return new DetailedTask
            {
                ResultType = resultType,
                TaskId = Id,
                Status = _status,
                StatusMessage = _statusMessage,
                CreatedAt = Iso(CreatedAt),
                LastUpdatedAt = Iso(_updatedAt),
                TtlMs = (long)Ttl.TotalMilliseconds,
                PollIntervalMs = (long)PollInterval.TotalMilliseconds,
                InputRequests = withOutcome && _status == McpTaskStatuses.InputRequired && _pending.Count > 0 ? new Dictionary<string, InputRequest>(_pending, StringComparer.Ordinal) : null,
                TaskResult = withOutcome && _status == McpTaskStatuses.Completed ? _result : null,
                Error = withOutcome && _status == McpTaskStatuses.Failed ? _error : null,
            };
        }
    }

    /// <summary>The task as 2025-11-25 shows it.</summary>
    public McpTask ToLegacy()
    {
        lock (_gate)
        {
            return new McpTask
            {
                TaskId = Id,
                Status = _status,
                StatusMessage = _statusMessage,
                CreatedAt = Iso(CreatedAt),
                LastUpdatedAt = Iso(_updatedAt),
                Ttl = (long)Ttl.TotalMilliseconds,
                PollInterval = (long)PollInterval.TotalMilliseconds,
            };
        }
    }

    /// <summary>The outcome of a terminal task: its result or its error.</summary>
    public (JsonElement? Result, McpTaskError? Error) Outcome()
    {
        lock (_gate)
        {
            return (_result, _error);
        }
    }

    private bool End(string status, JsonElement? result, McpTaskError? error, string? message)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (McpTaskStatuses.IsTerminal(_status))
            {
                return false;
            }

            _result = result;
            _error = error;
            _pending.Clear();
            Touch(status, message);
            wake = _inputArrived;
            _inputArrived = null;
        }

        if (status == McpTaskStatuses.Cancelled)
        {
            // The status is settled first (so tasks/cancel learns it was the one that cancelled), then the token fires
            // before anyone is woken: work that wakes because the task ended already sees its cancellation.
            Cancellation.Cancel();
        }

        wake?.TrySetResult();
        _terminal.TrySetResult();
        return true;
    }

    private void Touch(string status, string? message)
    {
        _status = status;
        _statusMessage = message;
        _updatedAt = _time.GetUtcNow();
    }

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
