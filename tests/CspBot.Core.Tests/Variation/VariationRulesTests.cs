using CspBot.Core.Domain;
using CspBot.Core.Features.Variation;
using static CspBot.Core.Tests.Variation.XmrChartTests;

namespace CspBot.Core.Tests.Variation;

public class VariationRulesTests
{
    // Limit high at the latest point (SpecialCauseRulesTests): mean 12, upper limit 20.2218 < 24.
    private static readonly double[] SpikeUp = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 24];

    // The mirror: lower limit 3.7782 > 0.
    private static readonly double[] SpikeDown = [14, 12, 14, 12, 14, 12, 14, 12, 14, 12, 14, 0];

    // Trial limits: mean 12, limits 7.744 and 16.256 (XmrChartTests).
    private static readonly double[] Six = [10, 12, 11, 13, 12, 14];

    private static VariationType Latest(double[] values, Polarity? polarity, bool periodHasValue = true)
    {
        var chart = XmrChart.From(Series(values));
        return VariationRules.Latest(chart, SpecialCauseRules.Flag(chart), polarity, periodHasValue);
    }

    [Fact]
    public void AHighPoint_IsImprovement_WhenHigherIsBetter_AndConcern_WhenLowerIsBetter()
    {
        Assert.Equal(VariationType.Improvement, Latest(SpikeUp, Polarity.HigherIsBetter));
        Assert.Equal(VariationType.Concern, Latest(SpikeUp, Polarity.LowerIsBetter));
    }

    [Fact]
    public void ALowPoint_IsConcern_WhenHigherIsBetter_AndImprovement_WhenLowerIsBetter()
    {
        Assert.Equal(VariationType.Concern, Latest(SpikeDown, Polarity.HigherIsBetter));
        Assert.Equal(VariationType.Improvement, Latest(SpikeDown, Polarity.LowerIsBetter));
    }

    [Fact]
    public void WithoutPolarity_AFlaggedPointIsNeutral_AndAnUnflaggedOneCommon()
    {
        Assert.Equal(VariationType.Neutral, Latest(SpikeUp, null));
        Assert.Equal(VariationType.Common, Latest(Six, null));
        Assert.Equal(VariationType.Common, Latest(Six, Polarity.HigherIsBetter));
    }

    [Fact]
    public void APointFlaggedInBothDirections_IsConcern_WhicheverWayIsBetter()
    {
        // 2 4 2 4 2 then 20 19 … 14: mean 133 / 12 = 11.0833; the last seven are a run above the mean (high) and a
        // falling trend (low), so 14 is flagged both ways.
        double[] values = [2, 4, 2, 4, 2, 20, 19, 18, 17, 16, 15, 14];
        var last = SpecialCauseRules.Flag(XmrChart.From(Series(values)))[^1];

        Assert.Equal(SpecialCause.Run | SpecialCause.Trend, last.Rules);
        Assert.Equal(Side.High | Side.Low, last.Side);
        Assert.Equal(VariationType.Concern, Latest(values, Polarity.HigherIsBetter));
        Assert.Equal(VariationType.Concern, Latest(values, Polarity.LowerIsBetter));
    }

    [Fact]
    public void FewerThanSixPoints_OrNoValueForThePeriod_IsInsufficient()
    {
        Assert.Equal(VariationType.Insufficient, Latest([10, 12, 11, 13, 12], Polarity.HigherIsBetter));
        Assert.Equal(VariationType.Insufficient, Latest(SpikeUp, Polarity.HigherIsBetter, periodHasValue: false));
    }

    [Theory]
    [InlineData(7.0, AssuranceType.Pass)]
    [InlineData(7.744, AssuranceType.HitAndMiss)]
    [InlineData(12.0, AssuranceType.HitAndMiss)]
    [InlineData(16.256, AssuranceType.HitAndMiss)]
    [InlineData(17.0, AssuranceType.Fail)]
    public void Assurance_HigherIsBetter_FromTrialLimits(double target, AssuranceType expected)
    {
        // Limits 7.744 and 16.256: a target below the lower limit is consistently met, above the upper consistently missed.
        Assert.Equal(expected, VariationRules.Assurance(XmrChart.From(Series(Six)), target, Polarity.HigherIsBetter));
    }

    [Theory]
    [InlineData(17.0, AssuranceType.Pass)]
    [InlineData(12.0, AssuranceType.HitAndMiss)]
    [InlineData(7.0, AssuranceType.Fail)]
    public void Assurance_LowerIsBetter_IsMirrored(double target, AssuranceType expected)
    {
        Assert.Equal(expected, VariationRules.Assurance(XmrChart.From(Series(Six)), target, Polarity.LowerIsBetter));
    }

    [Fact]
    public void Assurance_IsNone_WithoutLimits_OrWithoutPolarity()
    {
        Assert.Null(VariationRules.Assurance(XmrChart.From(Series(10, 12, 11, 13, 12)), 5, Polarity.HigherIsBetter));
        Assert.Null(VariationRules.Assurance(XmrChart.From(Series(Six)), 5, null));
    }
}
