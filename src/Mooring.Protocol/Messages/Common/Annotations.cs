using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Display hints on content and resources.</summary>
public sealed class Annotations
{
    /// <summary>Who the content is meant for.</summary>
    public IList<Role>? Audience { get; set; }

    /// <summary>Importance from 0 (least) to 1 (most).</summary>
    public double? Priority { get; set; }

    /// <summary>ISO 8601 time of the last change.</summary>
    public string? LastModified { get; set; }
}
