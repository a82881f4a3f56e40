using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>The client's answer to <c>roots/list</c>.</summary>
public sealed class ListRootsResult : Result
{
    /// <summary>The roots.</summary>
    public IList<Root> Roots { get; set; } = [];
}
