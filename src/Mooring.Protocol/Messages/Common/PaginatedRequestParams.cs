using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of a paginated list request.</summary>
public class PaginatedRequestParams : RequestParams
{
    /// <summary>Opaque cursor from a previous page's <c>nextCursor</c>.</summary>
    public string? Cursor { get; set; }
}
