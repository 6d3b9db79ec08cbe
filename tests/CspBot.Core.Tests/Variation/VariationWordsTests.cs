using CspBot.Core.Domain;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Variation;

/// <summary>The latest point's judgement in words, as the board paper says it.</summary>
public class VariationWordsTests
{
    private static readonly ReportingPeriod Q2 = ReportingPeriod.Parse("2025-26 Q2");

    /// <summary>A chart with a mean of 10, limits 0 and 20 and the near-limit band 3.33 to 16.67, the latest point flagged by <paramref name="rules"/>.</summary>
    private static string Rules(double[] values, SpecialCause rules)
    {
        var points = values.Select((v, k) => new ChartPoint($"P{k}", v)).ToList();
        var chart = new XmrChart(points, 10, 3, 0, 20, 10 - (20.0 / 3), 10 + (20.0 / 3));
        var flagged = points.Select((p, k) => new FlaggedPoint(p, k == points.Count - 1 ? rules : SpecialCause.None, k == points.Count - 1 ? Side.High : Side.None)).ToList();
        return VariationWords.Rules(chart, flagged);
    }

    [Fact]
    public void ARun_SaysHowManyQuartersInARow_AndOnWhichSideOfTheAverage()
    {
        Assert.Equal("7 quarters in a row above the average", Rules([9, 8, 9, 11, 12, 11, 12, 11, 12, 11], SpecialCause.Run));
        Assert.Equal("8 quarters in a row below the average", Rules([12, 9, 8, 9, 8, 9, 8, 9, 8], SpecialCause.Run));
    }

    [Fact]
    public void ATrend_SaysHowManyQuartersRoseOrFellInARow()
    {
        Assert.Equal("7 quarters falling in a row", Rules([12, 15, 14, 13, 12, 11, 10, 9], SpecialCause.Trend));
        Assert.Equal("7 quarters rising in a row", Rules([6, 3, 4, 5, 6, 7, 8, 9], SpecialCause.Trend));
    }

    [Fact]
    public void ALimit_AndTwoOfThree_SayWhichLimit_AndAreJoinedByAnd()
    {
        Assert.Equal("beyond the upper process limit and two of the last three quarters near the upper limit", Rules([10, 17, 9, 18, 21], SpecialCause.Limit | SpecialCause.TwoOfThree));
        Assert.Equal("beyond the lower process limit", Rules([10, 11, 9, 10, -1], SpecialCause.Limit));
        Assert.Equal("two of the last three quarters near the lower limit", Rules([10, 2, 9, 3], SpecialCause.TwoOfThree));
    }

    [Fact]
    public void TheChangeOnLastYear_AlwaysSaysWhetherItIsSignificant()
    {
        // z = 2(√29 − √25) = 0.77; 2(√200 − √139) = 4.70; 2(√171 − √139) = 2.57.
        Assert.Equal("no significant change on last year (25 → 29)", VariationWords.Change(ChangeOnLastYear.Of(29, 25, "offences")));
        Assert.Equal("a significant rise on last year (139 → 200)", VariationWords.Change(ChangeOnLastYear.Of(200, 139, "offences")));
        Assert.Equal("a possibly significant rise on last year (139 → 171)", VariationWords.Change(ChangeOnLastYear.Of(171, 139, "offences")));
        Assert.Equal("change on last year not tested, a rate or percentage (55 → 60)", VariationWords.Change(ChangeOnLastYear.Of(60, 55, "%")));
        Assert.Equal("no figure for the same quarter last year", VariationWords.Change(ChangeOnLastYear.Of(60, null, "offences")));
    }

    [Fact]
    public void ThePhrase_IsCommonCauseWithTheChange_OrSpecialCauseWithItsRules_OrTooFewPoints()
    {
        Assert.Equal("common cause variation: no significant change on last year (25 → 29)", VariationWords.Phrase(Judged([26, 24, 27, 25, 28, 26, 29], lastYear: 25)));
        Assert.Equal("special cause concern: 7 quarters in a row above the average", VariationWords.Phrase(Judged([90, 92, 88, 101, 103, 102, 104, 103, 105, 104])));
        Assert.Equal("special cause improvement: 7 quarters in a row above the average", VariationWords.Phrase(Judged([90, 92, 88, 101, 103, 102, 104, 103, 105, 104], Polarity.HigherIsBetter)));
        Assert.Equal("too few quarters for process limits (5 of 6); no significant change on last year (25 → 29)", VariationWords.Phrase(Judged([26, 24, 27, 25, 29], lastYear: 25)));
    }

    [Fact]
    public void Labels_AreAWordAndALetter_NeverAColourAlone()
    {
        Assert.Equal("Concern (C)", VariationWords.Label(VariationType.Concern));
        Assert.Equal("Common cause (CC)", VariationWords.Label(VariationType.Common));
        Assert.Equal("Hit and miss (H)", VariationWords.Label(AssuranceType.HitAndMiss));
        Assert.Equal("Not assessed (–)", VariationWords.Label((AssuranceType?)null));
    }

    private static IndicatorSpcResult Judged(double[] values, Polarity polarity = Polarity.LowerIsBetter, double lastYear = 100)
    {
        var chart = XmrChart.From([.. values.Select((v, k) => new ChartPoint(Q2.AddQuarters(k - values.Length + 1).Id, v))]);
        var flagged = SpecialCauseRules.Flag(chart);
        return new IndicatorSpcResult("VIO-01", "offences", polarity, Q2, SpcGrain.Quarter, 100, chart, flagged,
            VariationRules.Latest(chart, flagged, polarity), VariationRules.Assurance(chart, 100, polarity), ChangeOnLastYear.Of(values[^1], lastYear, "offences"));
    }
}
