namespace Mooring.Benchmarks.Driver;

/// <summary>A server of the comparison: how to start it. Every one serves MCP (or a fixed answer) at /mcp and 200 at /health.</summary>
/// <param name="Id">Its short name: in --skip, file names and the report.</param>
/// <param name="Title">Its name in the report.</param>
/// <param name="EntryPath">The built entry assembly, run with <c>dotnet</c>; or, when <see cref="Native"/>, the executable itself.</param>
/// <param name="Arguments">Arguments every start gets, before the scenario's own.</param>
internal sealed record ServerDefinition(string Id, string Title, string EntryPath, IReadOnlyList<string> Arguments)
{
    /// <summary>True for a native (AOT-compiled) executable, started directly rather than through <c>dotnet</c>.</summary>
    public bool Native { get; init; }

    /// <summary>
    /// The runtimeconfig.json its garbage collector is read from: next to the entry assembly by default. A native
    /// executable has none; its project's settings are compiled in, so it names the JIT build's file of the same project.
    /// </summary>
    public string RuntimeConfig { get; init; } = "";

    /// <summary>The garbage collector its runtimeconfig.json selects, for the report.</summary>
    public string GcMode
    {
        get
        {
            var config = RuntimeConfig.Length > 0 ? RuntimeConfig : Path.ChangeExtension(EntryPath, ".runtimeconfig.json");
            var mode = File.Exists(config) && File.ReadAllText(config).Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server" : "workstation";
            return Native ? mode + " (compiled in)" : mode;
        }
    }
}
