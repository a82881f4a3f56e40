using System.Text.Json.Nodes;

namespace Mooring.Protocol.Tests;

/// <summary>Structural JSON comparison: member order and whitespace do not matter, values and types do.</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        JsonNode? e = JsonNode.Parse(expected);
        JsonNode? a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
    }

    public static void Equivalent(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        Equivalent(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
}
