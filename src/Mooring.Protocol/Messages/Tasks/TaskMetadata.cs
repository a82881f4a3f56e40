using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Task augmentation of a request.</summary>
public sealed class TaskMetadata
{
    /// <summary>Requested time to keep the task's result, in milliseconds.</summary>
    public long? Ttl { get; set; }
}
