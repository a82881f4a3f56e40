using System.Text.Json;

namespace Mooring.Protocol;

/// <summary>Params of <c>tasks/update</c> (tasks extension): answers to the input a task waits for.</summary>
public sealed class TaskUpdateRequestParams : RequestParams
{
    /// <summary>The task.</summary>
    public required string TaskId { get; set; }

    /// <summary>The answers, by the keys of the task's <c>inputRequests</c>; unknown or already answered keys are ignored.</summary>
    public Dictionary<string, JsonElement>? InputResponses { get; set; }
}
