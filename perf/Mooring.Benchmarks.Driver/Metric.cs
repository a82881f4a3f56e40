namespace Mooring.Benchmarks.Driver;

/// <summary>One column of a scenario's tables: a figure of its runs.</summary>
/// <param name="Key">The figure's name in <see cref="RunRecord.Metrics"/>.</param>
/// <param name="Header">The column header, unit included.</param>
/// <param name="Decimals">Decimals shown.</param>
internal sealed record Metric(string Key, string Header, int Decimals);
