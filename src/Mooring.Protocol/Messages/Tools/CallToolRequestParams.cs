using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooring.Protocol;

/// <summary>Params of <c>tools/call</c>.</summary>
public sealed class CallToolRequestParams : InputResponseRequestParams
{
    /// <summary>The tool to call.</summary>
    public required string Name { get; set; }

    /// <summary>The arguments, a JSON object.</summary>
    public JsonElement? Arguments { get; set; }

    /// <summary>Present to run the call as a task.</summary>
    public TaskMetadata? Task { get; set; }
}
