using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Variation;

public class XmrChartTests
{
    internal static IReadOnlyList<ChartPoint> Series(params double[] values) =>
        [.. values.Select((v, i) => new ChartPoint($"p{i + 1}", v))];

    [Fact]
    public void FivePoints_HaveNoMeanNorLimits_AndAreNotTrial()
    {
        var chart = XmrChart.From(Series(10, 12, 11, 13, 12));

        Assert.False(chart.HasLimits);
        Assert.Null(chart.Mean);
        Assert.Null(chart.Lower);
        Assert.Null(chart.Upper);
        Assert.False(chart.Trial);
        Assert.All(SpecialCauseRules.Flag(chart), p => Assert.Equal(SpecialCause.None, p.Rules));
    }

    [Fact]
    public void SixPoints_HaveTrialLimits_AtTheMeanPlusOrMinus266MeanMovingRanges()
    {
        // 10 12 11 13 12 14: mean 72 / 6 = 12; moving ranges 2 1 2 1 2, mean 8 / 5 = 1.6;
        // 2.66 × 1.6 = 4.256: limits 7.744 and 16.256; near-limit band ⅔ × 4.256 = 2.8373: 9.1627 and 14.8373.
        var chart = XmrChart.From(Series(10, 12, 11, 13, 12, 14));

        Assert.True(chart.Trial);
        Assert.Equal(12, chart.Mean!.Value, 9);
        Assert.Equal(1.6, chart.MeanMovingRange!.Value, 9);
        Assert.Equal(7.744, chart.Lower!.Value, 9);
        Assert.Equal(16.256, chart.Upper!.Value, 9);
        Assert.Equal(9.162667, chart.NearLower!.Value, 5);
        Assert.Equal(14.837333, chart.NearUpper!.Value, 5);
    }

    [Fact]
    public void ElevenPoints_AreStillTrial_AndTwelveAreNot()
    {
        // Twelve: 10 12 11 13 12 14 twice; mean 144 / 12 = 12; moving ranges 2 1 2 1 2 4 2 1 2 1 2 = 20, / 11 = 1.8182;
        // 2.66 × 1.8182 = 4.8364: limits 7.1636 and 16.8364.
        var eleven = XmrChart.From(Series(10, 12, 11, 13, 12, 14, 10, 12, 11, 13, 12));
        var twelve = XmrChart.From(Series(10, 12, 11, 13, 12, 14, 10, 12, 11, 13, 12, 14));

        Assert.True(eleven.Trial);
        Assert.False(twelve.Trial);
        Assert.Equal(12, twelve.Mean!.Value, 9);
        Assert.Equal(20.0 / 11, twelve.MeanMovingRange!.Value, 9);
        Assert.Equal(7.163636, twelve.Lower!.Value, 5);
        Assert.Equal(16.836364, twelve.Upper!.Value, 5);
    }

    [Fact]
    public void ALargeMovingRange_IsNotScreenedOut()
    {
        // 10 10 10 10 10 40: moving ranges 0 0 0 0 30, mean 6 (screening would drop the 30 and leave 0).
        var chart = XmrChart.From(Series(10, 10, 10, 10, 10, 40));

        Assert.Equal(6, chart.MeanMovingRange!.Value, 9);
        Assert.Equal(15 + (2.66 * 6), chart.Upper!.Value, 9);
    }
}
