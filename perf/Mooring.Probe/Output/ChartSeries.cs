namespace Mooring.Probe.Output;

/// <summary>One line of a chart: name, CSS colour, and (seconds, value) points.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
