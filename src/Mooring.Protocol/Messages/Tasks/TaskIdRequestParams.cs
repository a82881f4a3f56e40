using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>tasks/get</c>, <c>tasks/result</c> and <c>tasks/cancel</c>.</summary>
public sealed class TaskIdRequestParams : RequestParams
{
    /// <summary>The task.</summary>
    public required string TaskId { get; set; }
}
