using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Base of paginated list results.</summary>
public class PaginatedResult : Result
{
    /// <summary>Cursor for the next page; absent on the last page.</summary>
    public string? NextCursor { get; set; }
}
