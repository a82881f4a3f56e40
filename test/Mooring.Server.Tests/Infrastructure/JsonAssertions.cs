using System.Text.Json.Nodes;

namespace Mooring.Server.Tests.Infrastructure;

/// <summary>Structural JSON comparison: member order does not matter, values and types do.</summary>
internal static class JsonAssertions
{
    public static void Equivalent(string expected, JsonNode? actual)
    {
        JsonNode? e = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(e, actual), $"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
    }
}
