using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;

namespace CspBot.Core.Tests.Scorecard;

public class IndicatorAssessmentTests
{
    private static Indicator Lower(decimal target, decimal tolerance = 10) =>
        new() { Ref = "VIO-01", Title = "Most serious violent crime", Unit = "offences", Polarity = Polarity.LowerIsBetter, Target = target, TolerancePct = tolerance };

    private static Indicator Higher(decimal target, decimal tolerance = 10) =>
        new() { Ref = "DV-I2", Title = "Sanctioned detections", Unit = "%", Polarity = Polarity.HigherIsBetter, Target = target, TolerancePct = tolerance };

    [Theory]
    [InlineData(150, 160, Rag.Green)]
    [InlineData(140, 130, Rag.Green)]
    [InlineData(165, 150, Rag.Amber)]
    [InlineData(171, 175, Rag.Amber)]
    [InlineData(171, 139, Rag.Red)]
    [InlineData(166, 166, Rag.Red)]
    public void Of_LowerIsBetter_FollowsTargetToleranceAndLastYear(decimal actual, decimal lastYear, Rag expected)
    {
        Assert.Equal(expected, IndicatorAssessment.Of(Lower(150), actual, lastYear).Rag);
    }

    [Theory]
    [InlineData(40, 30, Rag.Green)]
    [InlineData(36, 38, Rag.Amber)]
    [InlineData(33, 30, Rag.Amber)]
    [InlineData(33, 35, Rag.Red)]
    public void Of_HigherIsBetter_FollowsTargetToleranceAndLastYear(decimal actual, decimal lastYear, Rag expected)
    {
        Assert.Equal(expected, IndicatorAssessment.Of(Higher(40), actual, lastYear).Rag);
    }

    [Fact]
    public void Of_DirectionOfTravel_RespectsPolarity()
    {
        Assert.Equal(DirectionOfTravel.Improving, IndicatorAssessment.Of(Lower(150), 140, 150).Direction);
        Assert.Equal(DirectionOfTravel.Worsening, IndicatorAssessment.Of(Higher(40), 35, 38).Direction);
        Assert.Equal(DirectionOfTravel.NoChange, IndicatorAssessment.Of(Higher(40), 38, 38).Direction);
        Assert.Equal(DirectionOfTravel.Unknown, IndicatorAssessment.Of(Higher(40), 38, null).Direction);
    }

    [Fact]
    public void Of_ChangeAgainstLastYear_IsAPercentage()
    {
        var assessment = IndicatorAssessment.Of(Lower(60), 79, 43);

        Assert.Equal(83.7m, assessment.ChangePct);
        Assert.Equal(Rag.Red, assessment.Rag);
    }

    [Fact]
    public void Of_NoFigure_HasNoRag()
    {
        Assert.Null(IndicatorAssessment.Of(Lower(150), null, 140).Rag);
    }
}
