using System.Text.Json;
using Mooring.Protocol;

namespace Mooring.Server;

/// <summary>
/// One round of a multi round-trip request (modern era): the answers known so far (carried in the request state and
/// sent with this retry), the keys the handler read, and what it still needs. The first unanswered request signals
/// <see cref="Needed"/>; the dispatcher then stops the handler and answers <c>input_required</c>.
/// </summary>
/// <remarks>
/// Most rounds never need anything (the handler asks for no input, or has every answer), so what only a missing
/// answer needs is created on first use, and a round with no answers shares no state with the request at all.
/// </remarks>
internal sealed class McpInputRound(Dictionary<string, JsonElement>? answers)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _needed;
    private Dictionary<string, InputRequest>? _requests;
    private Dictionary<string, JsonElement>? _used;

    /// <summary>Completes when the handler asked for something nobody has answered yet.</summary>
    public Task Needed
    {
        get
        {
            lock (_gate)
            {
                return (_needed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>The unanswered requests, by key.</summary>
    public IReadOnlyDictionary<string, InputRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests is null ? new Dictionary<string, InputRequest>(StringComparer.Ordinal) : new Dictionary<string, InputRequest>(_requests, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The answers the handler read: what the next round's state must carry (unknown keys are dropped).</summary>
    public Dictionary<string, JsonElement> Used
    {
        get
        {
            lock (_gate)
            {
                return _used is null ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : new Dictionary<string, JsonElement>(_used, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Answers all of <paramref name="requests"/>, or records the missing ones and signals <see cref="Needed"/>.</summary>
    public bool TryAnswer(IReadOnlyList<McpInputRequest> requests, out Dictionary<string, JsonElement> found)
    {
        found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        lock (_gate)
        {
            bool missing = false;
            foreach (McpInputRequest request in requests)
            {
                if (answers is not null && answers.TryGetValue(request.Key, out JsonElement answer))
                {
                    found[request.Key] = answer;
                    (_used ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[request.Key] = answer;
                }
                else
                {
                    (_requests ??= new Dictionary<string, InputRequest>(StringComparer.Ordinal))[request.Key] = new InputRequest { Method = request.Method, Params = request.Params };
                    missing = true;
                }
            }

            if (missing)
            {
                (_needed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }

            return !missing;
        }
    }
}
