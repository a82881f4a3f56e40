namespace Mooring.AspNetCore.Tests.Http.BadInput;

/// <summary>Every case of the corpus, by unique name.</summary>
internal static class BadInputCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, BadInputCase>> Cases = new(Build);

    public static IReadOnlyDictionary<string, BadInputCase> All => Cases.Value;

    private static IReadOnlyDictionary<string, BadInputCase> Build()
    {
        var cases = new Dictionary<string, BadInputCase>(StringComparer.Ordinal);
        IEnumerable<BadInputCase> all = BrokenJsonCases.All()
            .Concat(JsonRpcShapeCases.All())
            .Concat(ParamsCases.All())
            .Concat(LimitCases.All())
            .Concat(HeaderCases.All());
        foreach (BadInputCase c in all)
        {
            // Add throws on a repeated name, so every case stays addressable on its own.
            cases.Add(c.Name, c);
        }

        return cases;
    }
}
