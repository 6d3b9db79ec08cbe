using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Parse("2025-26 Q3");

    private static DeadlineCalculator Calculator(DeadlineOptions? options = null) =>
        new(new WorkingDayCalendar(), Options.Create(options ?? new DeadlineOptions()));

    private static Meeting Board(string date) => new() { Date = DateOnly.Parse(date), Kind = MeetingKind.Board };

    private static Meeting Pmg(string date) => new() { Date = DateOnly.Parse(date), Kind = MeetingKind.Pmg };

    [Fact]
    public void DeadlineFor_BoardAfterQuarterEnd_IsTenWorkingDaysBeforeIt()
    {
        // Back from Thu 22 Jan 2026: 21, 20, 19, 16, 15, 14, 13, 12, 9, 8.
        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-01-22"), Board("2026-03-19")]);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 1, 8), DeadlineBasis.BoardMeeting, new(2026, 1, 22)), deadline);
    }

    [Fact]
    public void DeadlineFor_BoardSoSoonItsDeadlineIsUnderFiveWorkingDaysAfterQuarterEnd_UsesTheNextBoard()
    {
        // A board on 21 Jan would want returns by 7 Jan, only 4 working days after 31 Dec (New Year's Day is a holiday).
        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-03-19"), Board("2026-01-21")]);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 3, 5), DeadlineBasis.BoardMeeting, new(2026, 3, 19)), deadline);
    }

    [Fact]
    public void DeadlineFor_NoMeetings_IsFifteenWorkingDaysAfterQuarterEndSkippingNewYear()
    {
        // After Wed 31 Dec 2025: Thu 1 Jan is a holiday; 2, 5–9, 12–16, 19–22 are the 15 working days.
        var deadline = Calculator().DeadlineFor(Q3, []);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 1, 22), DeadlineBasis.QuarterEnd, null), deadline);
    }

    [Fact]
    public void DeadlineFor_Q4WithNoMeetings_SkipsEaster()
    {
        var q4 = ReportingPeriod.Parse("2025-26 Q4");

        var deadline = Calculator().DeadlineFor(q4, []);

        Assert.Equal(new DateOnly(2026, 4, 23), deadline.Date);
    }

    [Fact]
    public void DeadlineFor_OnlyPmgAndEarlierBoards_UsesQuarterEnd()
    {
        var deadline = Calculator().DeadlineFor(Q3, [Pmg("2026-01-29"), Board("2025-12-11"), Board("2025-12-31")]);

        Assert.Equal(DeadlineBasis.QuarterEnd, deadline.Basis);
        Assert.Equal(new DateOnly(2026, 1, 22), deadline.Date);
    }

    [Fact]
    public void DeadlineFor_NextBoardDueAfterTheFollowingQuarterEnds_UsesQuarterEnd()
    {
        // A June board would make Q3 returns due after Q4 has ended, when Q3 is no longer the open period.
        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-06-18")]);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 1, 22), DeadlineBasis.QuarterEnd, null), deadline);
    }

    [Fact]
    public void DeadlineFor_OfficerOverride_WinsAndStillNamesTheBoard()
    {
        var settings = new PeriodSettings { Period = Q3, DeadlineOverride = new DateOnly(2026, 1, 14) };

        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-01-22")], settings);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 1, 14), DeadlineBasis.Override, new(2026, 1, 22)), deadline);
    }

    [Fact]
    public void DeadlineFor_OverrideOnASaturday_MovesToMonday()
    {
        var settings = new PeriodSettings { Period = Q3, DeadlineOverride = new DateOnly(2026, 1, 17) };

        var deadline = Calculator().DeadlineFor(Q3, [], settings);

        Assert.Equal(new DateOnly(2026, 1, 19), deadline.Date);
        Assert.Equal(DeadlineBasis.Override, deadline.Basis);
    }

    [Fact]
    public void DeadlineFor_SettingsWithoutOverride_UsesTheRules()
    {
        var settings = new PeriodSettings { Period = Q3, ClosedAt = DateTimeOffset.UnixEpoch };

        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-01-22")], settings);

        Assert.Equal(DeadlineBasis.BoardMeeting, deadline.Basis);
    }

    [Fact]
    public void DeadlineFor_SettingsForAnotherPeriod_Throws()
    {
        var settings = new PeriodSettings { Period = Q3.Next, DeadlineOverride = new DateOnly(2026, 1, 14) };

        Assert.Throws<ArgumentException>(() => Calculator().DeadlineFor(Q3, [], settings));
    }

    [Fact]
    public void DeadlineFor_ConfiguredCounts_AreUsed()
    {
        var calculator = Calculator(new DeadlineOptions { WorkingDaysBeforeBoard = 5, WorkingDaysAfterQuarterEndWhenNoMeeting = 10, MinimumWorkingDaysAfterQuarterEnd = 1 });

        Assert.Equal(new DateOnly(2026, 1, 15), calculator.DeadlineFor(Q3, [Board("2026-01-22")]).Date);
        Assert.Equal(new DateOnly(2026, 1, 2), calculator.DeadlineFor(Q3, [Board("2026-01-09")]).Date);
        Assert.Equal(new DateOnly(2026, 1, 15), calculator.DeadlineFor(Q3, []).Date);
    }

    [Theory]
    [InlineData("2025-06-30", "2024-25 Q4")]
    [InlineData("2025-10-01", "2025-26 Q2")]
    [InlineData("2025-12-31", "2025-26 Q2")]
    [InlineData("2026-01-01", "2025-26 Q3")]
    [InlineData("2026-03-31", "2025-26 Q3")]
    [InlineData("2026-04-01", "2025-26 Q4")]
    public void OpenPeriodOn_Date_IsTheLatestQuarterToHaveEnded(string today, string expected)
    {
        Assert.Equal(ReportingPeriod.Parse(expected), DeadlineCalculator.OpenPeriodOn(DateOnly.Parse(today)));
    }

    [Fact]
    public void OpenPeriod_AfterItsDeadline_IsStillOpenWithThatPeriodsOverride()
    {
        var settings = new[]
        {
            new PeriodSettings { Period = Q3.Previous, DeadlineOverride = new DateOnly(2025, 11, 3) },
            new PeriodSettings { Period = Q3, DeadlineOverride = new DateOnly(2026, 1, 20) },
        };

        var open = Calculator().OpenPeriod(new DateOnly(2026, 2, 2), [Board("2026-01-22")], settings);

        Assert.Equal(new PeriodDeadline(Q3, new(2026, 1, 20), DeadlineBasis.Override, new(2026, 1, 22)), open);
    }

    [Fact]
    public void WhenPassed_AfterTheDeadline_SaysWhenTheNextCollectionStarts()
    {
        var deadline = Calculator().DeadlineFor(Q3, [Board("2026-01-22")]);
        Assert.Null(deadline.WhenPassed(new DateOnly(2026, 1, 8)));
        Assert.Equal("The deadline has passed: returns for 2025-26 Q4 are collected from 1 April 2026.", deadline.WhenPassed(new DateOnly(2026, 3, 31)));
    }
}
