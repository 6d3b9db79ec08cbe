using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Variation;

public class ChangeOnLastYearTests
{
    [Theory]
    [InlineData(46, 25, 3.56, ChangeSignificance.Significant)] // 2(√46 − √25) = 2(6.7823 − 5) = 3.5647
    [InlineData(25, 46, -3.56, ChangeSignificance.Significant)]
    [InlineData(22, 12, 2.45, ChangeSignificance.Possible)] // 2(4.6904 − 3.4641) = 2.4526
    [InlineData(44, 40, 0.62, ChangeSignificance.None)] // 2(6.6332 − 6.3246) = 0.6173
    [InlineData(9, 0, 6.0, ChangeSignificance.Significant)] // 2(3 − 0)
    [InlineData(4, 1, 2.0, ChangeSignificance.Possible)] // 2(2 − 1): exactly 2 is possibly significant
    [InlineData(16, 1, 6.0, ChangeSignificance.Significant)]
    [InlineData(25, 49, -4.0, ChangeSignificance.Significant)]
    public void Counts_AreTestedWithTheSquareRootZ(double now, double lastYear, double z, ChangeSignificance expected)
    {
        var change = ChangeOnLastYear.Of(now, lastYear, "offences");

        Assert.Equal(z, change.Z!.Value, 2);
        Assert.Equal(expected, change.Significance);
    }

    [Fact]
    public void AZOfExactlyThree_IsSignificant()
    {
        // 2(√(6.5²) − √(5²)) = 2(6.5 − 5) = 3.
        Assert.Equal(ChangeSignificance.Significant, ChangeOnLastYear.Of(42.25, 25, "calls").Significance);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("% of victims")]
    [InlineData("rate per 1,000 population")]
    [InlineData("offences per 1,000")]
    [InlineData("Rate")]
    public void PercentagesAndRates_AreNotTested(string unit)
    {
        var change = ChangeOnLastYear.Of(60, 40, unit);

        Assert.Equal(ChangeSignificance.NotTested, change.Significance);
        Assert.Null(change.Z);
        Assert.Equal(40, change.LastYear);
    }

    [Theory]
    [InlineData("offences")]
    [InlineData("young people")]
    [InlineData("operations")]
    [InlineData("accelerated cases")]
    public void OtherUnits_AreCounts_EvenWhenAWordContainsPerOrRate(string unit)
    {
        Assert.True(ChangeOnLastYear.IsCount(unit));
        Assert.Equal(ChangeSignificance.Significant, ChangeOnLastYear.Of(46, 25, unit).Significance);
    }

    [Fact]
    public void WithoutLastYearsFigure_NothingIsTested()
    {
        var change = ChangeOnLastYear.Of(46, null, "offences");

        Assert.Equal(ChangeSignificance.NotTested, change.Significance);
        Assert.Null(change.Z);
    }
}
