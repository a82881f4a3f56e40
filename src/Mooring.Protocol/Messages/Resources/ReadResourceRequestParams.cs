using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>resources/read</c>.</summary>
public sealed class ReadResourceRequestParams : InputResponseRequestParams
{
    /// <summary>The URI to read.</summary>
    public required string Uri { get; set; }
}
