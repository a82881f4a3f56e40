using System.Text.Json.Nodes;

namespace Mooring.Probe.Scenarios;

/// <summary>A tool and the arguments to call it with.</summary>
internal sealed record ToolCall(string Name, JsonObject Arguments)
{
    public override string ToString() => $"{Name} {Arguments.ToJsonString()}";
}
