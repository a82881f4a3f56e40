using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>resources/read</c>.</summary>
public sealed class ReadResourceResult : Result
{
    /// <summary>The contents.</summary>
    public IList<ResourceContents> Contents { get; set; } = [];
}
