using CspBot.Core.Domain;

namespace CspBot.Core.Tests.Domain;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2025-04-01", "2025-26 Q1")]
    [InlineData("2025-06-30", "2025-26 Q1")]
    [InlineData("2025-07-01", "2025-26 Q2")]
    [InlineData("2025-09-30", "2025-26 Q2")]
    [InlineData("2025-10-01", "2025-26 Q3")]
    [InlineData("2025-12-31", "2025-26 Q3")]
    [InlineData("2026-01-01", "2025-26 Q4")]
    [InlineData("2026-03-31", "2025-26 Q4")]
    [InlineData("2026-04-01", "2026-27 Q1")]
    [InlineData("2099-12-31", "2099-00 Q3")]
    public void Containing_DateOnQuarterBoundary_IsInTheMunicipalQuarter(string date, string expected)
    {
        Assert.Equal(expected, ReportingPeriod.Containing(DateOnly.Parse(date)).ToString());
    }

    [Fact]
    public void FirstAndLastDay_Q4_SpanJanuaryToMarchOfTheFollowingCalendarYear()
    {
        var q4 = ReportingPeriod.Parse("2025-26 Q4");

        Assert.Equal(new DateOnly(2026, 1, 1), q4.FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 31), q4.LastDay);
        Assert.True(q4.Contains(new DateOnly(2026, 2, 28)));
        Assert.False(q4.Contains(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void NextAndPrevious_CrossTheMunicipalYear()
    {
        var q4 = new ReportingPeriod(2025, 4);

        Assert.Equal(new ReportingPeriod(2026, 1), q4.Next);
        Assert.Equal(q4, q4.Next.Previous);
        Assert.Equal(new ReportingPeriod(2024, 4), q4.SamePeriodLastYear);
    }

    [Theory]
    [InlineData("2025-26 Q3")]
    [InlineData("2025-26-Q3")]
    [InlineData(" 2025-26 q3 ")]
    public void TryParse_DisplayAndCanonicalForms_Accepted(string text)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period));
        Assert.Equal("2025-26-Q3", period.Id);
        Assert.Equal("2025-26 Q3", period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025 Q3")]
    [InlineData("2025-27 Q3")]
    [InlineData("2025-26 Q5")]
    [InlineData("2025-26 Q0")]
    [InlineData("Q3 2025-26")]
    [InlineData("2025/26 Q3")]
    public void TryParse_Malformed_Rejected(string text)
    {
        Assert.False(ReportingPeriod.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReportingPeriod.Parse(text));
    }

    [Fact]
    public void Comparison_OrdersByYearThenQuarter()
    {
        var periods = new[] { ReportingPeriod.Parse("2026-27 Q1"), ReportingPeriod.Parse("2025-26 Q4"), ReportingPeriod.Parse("2025-26 Q1") };

        Assert.Equal(["2025-26 Q1", "2025-26 Q4", "2026-27 Q1"], periods.Order().Select(p => p.ToString()));
        Assert.True(ReportingPeriod.Parse("2025-26 Q4") < ReportingPeriod.Parse("2026-27 Q1"));
    }

    [Fact]
    public void MunicipalYear_CenturyRollover_WritesTwoDigits()
    {
        Assert.Equal("2099-00", new ReportingPeriod(2099, 1).MunicipalYear);
        Assert.True(ReportingPeriod.TryParse("2099-00 Q2", out _));
    }

    [Theory]
    [InlineData("2025-26 Q3", 0, "2025-26 Q3")]
    [InlineData("2025-26 Q3", 1, "2025-26 Q4")]
    [InlineData("2025-26 Q4", 1, "2026-27 Q1")]
    [InlineData("2025-26 Q1", -1, "2024-25 Q4")]
    [InlineData("2025-26 Q2", 5, "2026-27 Q3")]
    [InlineData("2025-26 Q2", -9, "2023-24 Q1")]
    public void AddQuarters_CrossesMunicipalYears_AndQuartersUntilUndoesIt(string from, int quarters, string expected)
    {
        var start = ReportingPeriod.Parse(from);

        var moved = start.AddQuarters(quarters);

        Assert.Equal(expected, moved.ToString());
        Assert.Equal(quarters, start.QuartersUntil(moved));
        Assert.Equal(Enumerable.Range(0, Math.Abs(quarters)).Aggregate(start, (p, _) => quarters < 0 ? p.Previous : p.Next), moved);
    }

    [Fact]
    public void LastQuarters_AreOldestFirst_EndingWithThePeriod()
    {
        Assert.Equal(["2024-25 Q4", "2025-26 Q1", "2025-26 Q2"], ReportingPeriod.Parse("2025-26 Q2").LastQuarters(3).Select(p => p.ToString()));
    }
}
