using Mooring.Probe.Observation;
using Mooring.Probe.Results;

namespace Mooring.Probe.Tests.Results;

public class SummaryTests
{
    [Fact]
    public void From_Samples_BeforeIsLastBaselineMaxIsPeakEndIsLast()
    {
        Sample At(double t, Phase phase, int closeWait, int established, int threads, long rss) =>
            new(t, phase, new SocketCounts(closeWait, established, 0, 0, 0), threads, rss);
        Sample[] samples =
        [
            At(0.00, Phase.Before, 1, 0, 20, 100),
            At(0.25, Phase.Before, 2, 1, 20, 110),
            At(0.50, Phase.During, 9, 8, 30, 300),
            At(0.75, Phase.After, 4, 3, 25, 200),
            At(1.00, Phase.After, 3, 1, 24, 190),
        ];
        HealthSample[] health =
        [
            new(0.5, Phase.During, 2), new(0.75, Phase.During, null), new(1.0, Phase.After, 1), new(1.25, Phase.After, null),
        ];

        var summary = ScenarioSummary.From(samples, health);

        Assert.Equal((2, 9, 3), (summary.CloseWaitBefore, summary.CloseWaitMax, summary.CloseWaitEnd));
        Assert.Equal((1, 8, 1), (summary.EstablishedBefore, summary.EstablishedMax, summary.EstablishedEnd));
        Assert.Equal((20, 30, 24), (summary.ThreadsStart, summary.ThreadsMax, summary.ThreadsEnd));
        Assert.Equal((100L, 300L, 190L), (summary.RssStart, summary.RssMax, summary.RssEnd));
        Assert.Equal(new HealthStats(2, 1, 2, 2, 2), summary.HealthDuring);
        Assert.Equal(1, summary.HealthAfter.Failures);
        Assert.True(summary.LastHealthFailed);
    }

    [Fact]
    public void From_NothingObserved_FiguresAreNull()
    {
        var summary = ScenarioSummary.From([new Sample(0, Phase.Before, null, null, null)], []);

        Assert.Null(summary.CloseWaitEnd);
        Assert.Null(summary.ThreadsMax);
        Assert.Null(summary.LastHealthFailed);
        Assert.Equal(0, summary.HealthDuring.Checks);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.5, 5)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.99, 10)]
    [InlineData(new double[] { 7 }, 0.5, 7)]
    public void Percentile_NearestRank(double[] sorted, double fraction, double expected) =>
        Assert.Equal(expected, HealthStats.Percentile(sorted, fraction));
}
