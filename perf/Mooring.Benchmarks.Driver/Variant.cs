namespace Mooring.Benchmarks.Driver;

/// <summary>One server, set up one way, in one scenario.</summary>
/// <param name="Id">Unique within its scenario (the server's id, or more when a server appears twice).</param>
/// <param name="ServerId">Which <see cref="ServerDefinition"/> is started.</param>
/// <param name="Title">Its row name in the report.</param>
/// <param name="ServerArguments">Given to the server after its own.</param>
/// <param name="LoadArguments">Given to perf/Mooring.LoadGen after the URL.</param>
internal sealed record Variant(string Id, string ServerId, string Title, IReadOnlyList<string> ServerArguments, IReadOnlyList<string> LoadArguments)
{
    /// <summary>A tool the server must list for this variant to be measured (null: none beyond echo).</summary>
    public string? RequiredTool { get; init; }
}
