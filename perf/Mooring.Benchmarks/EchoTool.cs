using System.ComponentModel;
using Mooring.Server;

namespace Mooring.Benchmarks;

/// <summary>The same tool as the host's <c>echo</c> (src/Mooring.Host/Fixtures/PracticalTools.cs), so the measured cost is the server's.</summary>
internal static class EchoTool
{
    [McpTool("echo", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns the text it is given.")]
    public static string Echo([Description("The text to return.")] string text) => text;
}
