using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Variation;

public class ComparedChangeTests
{
    [Theory]
    [InlineData(10, 0, 2.0 / 1024, ChangeSignificance.Significant)] // P(10 of 10) × 2 = 0.00195 < 0.0027
    [InlineData(9, 1, 22.0 / 1024, ChangeSignificance.Possible)] // (1 + 10) / 1024 × 2 = 0.0215
    [InlineData(8, 2, 112.0 / 1024, ChangeSignificance.None)] // (1 + 10 + 45) / 1024 × 2 = 0.109
    [InlineData(5, 5, 1.0, ChangeSignificance.None)]
    [InlineData(1, 9, 22.0 / 1024, ChangeSignificance.Possible)]
    public void AgainstAComparatorThatDidNotChange_TheLocalSplitIsTestedAgainstHalves(int now, int lastYear, double p, ChangeSignificance expected)
    {
        // The comparator had 500 then 500: under no difference, each local crime is this year's with probability ½.
        var compared = ComparedChange.Of("London", now, lastYear, 500, 500);

        Assert.Equal(p, compared.P!.Value, 9);
        Assert.Equal(expected, compared.Significance);
    }

    [Fact]
    public void AgainstAComparatorThatRose_TheExpectedShareIsTheComparators()
    {
        // The comparator rose 100 → 300: share ¾. Local 0 then 4: P(0 of 4) = ¼⁴ = 0.0039, and no other outcome is less
        // likely (P(1) = 4 × ¾ × ¼³ = 0.0469), so p = 0.0039: possibly different (not below 0.0027).
        var fell = ComparedChange.Of("London", 0, 4, 300, 100);

        Assert.Equal(0.00390625, fell.P!.Value, 9);
        Assert.Equal(ChangeSignificance.Possible, fell.Significance);

        // Local 3 then 1 is the comparator's own change: p = 1.
        Assert.Equal(1, ComparedChange.Of("London", 3, 1, 300, 100).P!.Value, 9);
    }

    [Fact]
    public void LargeCounts_AreTested_WithoutOverflow()
    {
        // 460 → 250 locally is a 46% fall against a comparator whose 10 000 stayed 10 000: 250 of 710 where 355 were expected
        // (sd √(710 × ¼) = 13.3, z = −7.9), clearly beyond chance;
        // 5 050 → 4 950 against the same is within it.
        Assert.Equal(ChangeSignificance.Significant, ComparedChange.Of("force", 250, 460, 10_000, 10_000).Significance);
        Assert.Equal(ChangeSignificance.None, ComparedChange.Of("force", 5_050, 4_950, 10_000, 10_000).Significance);
    }

    [Fact]
    public void WithoutCounts_NothingIsTested()
    {
        Assert.Equal(ChangeSignificance.NotTested, ComparedChange.Of("MSG", 0, 0, 500, 500).Significance);
        Assert.Equal(ChangeSignificance.NotTested, ComparedChange.Of("MSG", 5, 3, 0, 500).Significance);
        Assert.Null(ComparedChange.Of("MSG", 5, 3, 500, 0).P);
    }
}
