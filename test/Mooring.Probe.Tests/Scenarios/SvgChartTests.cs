using Mooring.Probe.Output;

namespace Mooring.Probe.Tests.Scenarios;

public class SvgChartTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.4, 1)]
    [InlineData(3, 5)]
    [InlineData(37, 50)]
    [InlineData(120, 200)]
    [InlineData(1000, 1000)]
    public void NiceCeiling_RoundsUpToOneTwoFive(double value, double expected) =>
        Assert.Equal(expected, SvgChart.NiceCeiling(value));

    [Fact]
    public void Render_SeriesAndFailures_DrawsPolylineLegendAndMarks()
    {
        var svg = SvgChart.Render("sockets <on port>", [new ChartSeries("CLOSE-WAIT", "#d00", [(0, 0), (1, 37), (2, 37)])], 0.5, 1.5, 2, [1.25]);

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("<polyline", svg, StringComparison.Ordinal);
        Assert.Contains("CLOSE-WAIT", svg, StringComparison.Ordinal);
        Assert.Contains("sockets &lt;on port&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("stroke=\"#d00\" stroke-width=\"2\"", svg, StringComparison.Ordinal);
    }
}
