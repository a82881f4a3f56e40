using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Mooring.Benchmarks.SdkPeer;

/// <summary>The one tool every benchmark server exposes: <c>echo</c> returns its <c>text</c> argument.</summary>
[McpServerToolType]
public sealed class EchoTool
{
    /// <summary>Returns <paramref name="text"/> unchanged, so the measured cost is the server's, not the tool's.</summary>
    [McpServerTool(Name = "echo"), Description("Returns the given text.")]
    public static string Echo([Description("The text to return.")] string text) => text;
}
