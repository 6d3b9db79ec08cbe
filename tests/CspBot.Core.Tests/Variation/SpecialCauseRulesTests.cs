using CspBot.Core.Features.Variation;
using static CspBot.Core.Tests.Variation.XmrChartTests;

namespace CspBot.Core.Tests.Variation;

/// <summary>Each rule on hand-worked series, with the pattern at the latest point in each direction, and its edge cases.</summary>
public class SpecialCauseRulesTests
{
    private static IReadOnlyList<FlaggedPoint> Flags(params double[] values) => SpecialCauseRules.Flag(XmrChart.From(Series(values)));

    private static void OnlyFlagged(IReadOnlyList<FlaggedPoint> points, SpecialCause rule, Side side, params int[] indexes)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var expected = indexes.Contains(i) ? (rule, side) : (SpecialCause.None, Side.None);
            Assert.True(expected == (points[i].Rules, points[i].Side), $"point {i} ({points[i].Point.Value}): expected {expected}, was {(points[i].Rules, points[i].Side)}");
        }
    }

    [Fact]
    public void APointAboveTheUpperLimit_IsFlagged_AsLimitHigh()
    {
        // 10 12 ×5 then 10 and 24: mean 144 / 12 = 12 (the 12s lie on it, so no run); moving ranges ten 2s and 14 = 34,
        // / 11 = 3.0909; upper limit 12 + 2.66 × 3.0909 = 20.2218 < 24.
        OnlyFlagged(Flags(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 24), SpecialCause.Limit, Side.High, 11);
    }

    [Fact]
    public void APointBelowTheLowerLimit_IsFlagged_AsLimitLow()
    {
        // The mirror: 14 12 ×5 then 14 and 0: mean 144 / 12 = 12; MR 34 / 11; lower limit 12 − 8.2218 = 3.7782 > 0.
        OnlyFlagged(Flags(14, 12, 14, 12, 14, 12, 14, 12, 14, 12, 14, 0), SpecialCause.Limit, Side.Low, 11);
    }

    [Fact]
    public void APointOnALimit_IsNotBeyondIt()
    {
        Assert.Equal([Side.None, Side.None, Side.None, Side.Low, Side.High], SpecialCauseRules.Limit([5, 10, 15, 4.9, 15.1], lower: 5, upper: 15));
    }

    [Fact]
    public void SevenPointsAboveTheMean_AreARun_High()
    {
        // 5 8 5 8 4 then 12 14 12 14 12 14 12: mean 120 / 12 = 10; MR 33 / 11 = 3 (3 3 3 4 8 2 2 2 2 2 2);
        // limits 2.02 and 17.98, band 4.68 and 15.32: only the run of seven above 10.
        OnlyFlagged(Flags(5, 8, 5, 8, 4, 12, 14, 12, 14, 12, 14, 12), SpecialCause.Run, Side.High, 5, 6, 7, 8, 9, 10, 11);
    }

    [Fact]
    public void SevenPointsBelowTheMean_AreARun_Low()
    {
        // 15 12 15 12 16 then 8 6 8 6 8 6 8: mean 120 / 12 = 10; MR 3; limits 2.02 and 17.98, band 4.68 and 15.32.
        OnlyFlagged(Flags(15, 12, 15, 12, 16, 8, 6, 8, 6, 8, 6, 8), SpecialCause.Run, Side.Low, 5, 6, 7, 8, 9, 10, 11);
    }

    [Fact]
    public void APointOnTheMean_BreaksARun()
    {
        // The run series with 10, the mean (130 / 13), in its middle: 3 above, 10, 4 above.
        OnlyFlagged(Flags(5, 8, 5, 8, 4, 12, 14, 12, 10, 14, 12, 14, 12), SpecialCause.None, Side.None);
    }

    [Fact]
    public void SixPointsAboveTheMean_AreNotARun()
    {
        // 5 8 5 8 4 9 then six of 12 and 14: mean 117 / 12 = 9.75, so 9 is below it and only six are above.
        OnlyFlagged(Flags(5, 8, 5, 8, 4, 9, 12, 14, 12, 14, 12, 14), SpecialCause.None, Side.None);
    }

    [Fact]
    public void RunRule_CountsStrictlyOneSide()
    {
        Assert.Equal(Enumerable.Repeat(Side.High, 7), SpecialCauseRules.Run([1, 1, 1, 1, 1, 1, 1], mean: 0));
        Assert.All(SpecialCauseRules.Run([1, 1, 1, 0, 1, 1, 1, 1], mean: 0), s => Assert.Equal(Side.None, s));
    }

    [Fact]
    public void SevenRisingPoints_AreATrend_High()
    {
        // 10 14 10 14 10 then 9 10 11 12 13 14 15 (six increases): mean 142 / 12 = 11.8333; MR 23 / 11 = 2.0909;
        // limits 6.2715 and 17.3952, band 8.1255 and 15.5412; the trend crosses the mean, so no run.
        OnlyFlagged(Flags(10, 14, 10, 14, 10, 9, 10, 11, 12, 13, 14, 15), SpecialCause.Trend, Side.High, 5, 6, 7, 8, 9, 10, 11);
    }

    [Fact]
    public void SevenFallingPoints_AreATrend_Low()
    {
        // 10 6 10 6 10 then 11 10 9 8 7 6 5: mean 98 / 12 = 8.1667; MR 2.0909; limits 2.6048 and 13.7285.
        OnlyFlagged(Flags(10, 6, 10, 6, 10, 11, 10, 9, 8, 7, 6, 5), SpecialCause.Trend, Side.Low, 5, 6, 7, 8, 9, 10, 11);
    }

    [Fact]
    public void AnEqualValue_BreaksATrend()
    {
        // 9 10 11 11 12 13 14: a tie after three increases leaves two trends of four points.
        OnlyFlagged(Flags(10, 14, 10, 14, 10, 9, 10, 11, 11, 12, 13, 14), SpecialCause.None, Side.None);
    }

    [Fact]
    public void SixRisingPoints_AreNotATrend()
    {
        // 10 11 12 13 14 15: five increases; mean 147 / 12 = 12.25, MR 29 / 11, limits 5.2373 and 19.2627.
        OnlyFlagged(Flags(10, 14, 10, 14, 10, 14, 10, 11, 12, 13, 14, 15), SpecialCause.None, Side.None);
    }

    [Fact]
    public void TrendRule_FlagsTheFirstPointOfTheTrendToo()
    {
        Assert.Equal([Side.None, Side.High, Side.High, Side.High, Side.High, Side.High, Side.High, Side.High], SpecialCauseRules.Trend([5, 1, 2, 3, 4, 5, 6, 7]));
        Assert.All(SpecialCauseRules.Trend([1, 2, 3, 4, 5, 6]), s => Assert.Equal(Side.None, s));
    }

    [Fact]
    public void TwoOfThreeBeyondTheBand_AreFlagged_High()
    {
        // 8 12 ×4, 8, 10, 19 19: mean 136 / 12 = 11.3333; MR 43 / 11 = 3.9091 (eight 4s, 2, 9, 0);
        // band 11.3333 + ⅔ × 2.66 × 3.9091 = 18.2655 < 19; upper limit 21.7315 > 19.
        OnlyFlagged(Flags(8, 12, 8, 12, 8, 12, 8, 12, 8, 10, 19, 19), SpecialCause.TwoOfThree, Side.High, 10, 11);
    }

    [Fact]
    public void TwoOfThreeBeyondTheBand_AreFlagged_Low()
    {
        // 12 8 ×7 then 1 1: mean 142 / 16 = 8.875; MR 59 / 15 = 3.9333; band 8.875 − 6.9751 = 1.8999 > 1; lower limit −1.5877.
        OnlyFlagged(Flags(12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 1, 1), SpecialCause.TwoOfThree, Side.Low, 14, 15);
    }

    [Fact]
    public void TwoOfThree_CountsAPointBeyondTheLimit()
    {
        // 8 12 ×7 then 20 25: mean 185 / 16 = 11.5625; MR 65 / 15 = 4.3333; band 19.2469 < 20; upper limit 23.0892 < 25.
        var points = Flags(8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 8, 12, 20, 25);

        Assert.Equal((SpecialCause.TwoOfThree, Side.High), (points[14].Rules, points[14].Side));
        Assert.Equal((SpecialCause.Limit | SpecialCause.TwoOfThree, Side.High), (points[15].Rules, points[15].Side));
        Assert.All(points.Take(14), p => Assert.Equal(SpecialCause.None, p.Rules));
    }

    [Fact]
    public void TwoOfThree_FlagsOnlyThePointsBeyondTheBand_WhereverTheThirdLies()
    {
        Assert.Equal([Side.None, Side.High, Side.None, Side.High, Side.None], SpecialCauseRules.TwoOfThree([0, 5, 0, 5, 0], nearLower: -3, nearUpper: 3));
        Assert.Equal([Side.None, Side.Low, Side.None, Side.Low], SpecialCauseRules.TwoOfThree([0, -5, 2, -5], nearLower: -3, nearUpper: 3));
    }

    [Fact]
    public void TwoOfThree_OnOppositeSides_OrOnTheBand_IsNotFlagged()
    {
        Assert.All(SpecialCauseRules.TwoOfThree([0, 5, -5, 0], nearLower: -3, nearUpper: 3), s => Assert.Equal(Side.None, s));
        Assert.All(SpecialCauseRules.TwoOfThree([3, 3, 0, -3, -3], nearLower: -3, nearUpper: 3), s => Assert.Equal(Side.None, s));
        Assert.All(SpecialCauseRules.TwoOfThree([5, 0, 0, 5], nearLower: -3, nearUpper: 3), s => Assert.Equal(Side.None, s));
    }
}
