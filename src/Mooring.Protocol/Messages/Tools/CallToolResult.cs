using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Result of <c>tools/call</c>.</summary>
public sealed class CallToolResult : Result
{
    /// <summary>Unstructured result content.</summary>
    public IList<ContentBlock> Content { get; set; } = [];

    /// <summary>Structured result conforming to the tool's output schema.</summary>
    public JsonElement? StructuredContent { get; set; }

    /// <summary>True when the tool failed; the content describes the failure.</summary>
    public bool? IsError { get; set; }
}
