using System.Reflection;

namespace Mooring.Protocol.Tests;

/// <summary>Reads the hand-written protocol examples embedded from TestData/.</summary>
internal static class TestData
{
    public static byte[] Read(string relativePath)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TestData/" + relativePath)
            ?? throw new InvalidOperationException($"No embedded test data named '{relativePath}'.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
