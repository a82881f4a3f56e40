namespace Mooring.Benchmarks.Driver;

/// <summary>A server of the comparison: how to start it. Every one serves MCP (or a fixed answer) at /mcp and 200 at /health.</summary>
/// <param name="Id">Its short name: in --skip, file names and the report.</param>
/// <param name="Title">Its name in the report.</param>
/// <param name="Dll">The built entry assembly, run with <c>dotnet</c>.</param>
/// <param name="Arguments">Arguments every start gets, before the scenario's own.</param>
internal sealed record ServerDefinition(string Id, string Title, string Dll, IReadOnlyList<string> Arguments)
{
    /// <summary>The garbage collector its runtimeconfig.json selects, for the report.</summary>
    public string GcMode
    {
        get
        {
            var config = Path.ChangeExtension(Dll, ".runtimeconfig.json");
            return File.Exists(config) && File.ReadAllText(config).Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server" : "workstation";
        }
    }
}
