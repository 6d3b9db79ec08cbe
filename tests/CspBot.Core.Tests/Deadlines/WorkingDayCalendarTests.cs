using CspBot.Core.Features.Deadlines;

namespace CspBot.Core.Tests.Deadlines;

public class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar calendar = new();

    [Theory]
    [InlineData("2026-01-05", true)] // Monday
    [InlineData("2026-01-09", true)] // Friday
    [InlineData("2026-01-10", false)] // Saturday
    [InlineData("2026-01-11", false)] // Sunday
    [InlineData("2026-01-01", false)] // New Year's Day
    [InlineData("2026-04-03", false)] // Good Friday
    [InlineData("2026-12-28", false)] // Boxing Day (substitute day)
    [InlineData("2026-12-24", true)] // Christmas Eve is a working day
    public void IsWorkingDay_Date_SkipsWeekendsAndBankHolidays(string date, bool expected)
    {
        Assert.Equal(expected, calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Theory]
    [InlineData("2026-01-09", 1, "2026-01-12")] // Friday + 1 is Monday
    [InlineData("2026-01-12", -1, "2026-01-09")] // Monday - 1 is Friday
    [InlineData("2026-01-10", 1, "2026-01-12")] // Saturday + 1 is Monday
    [InlineData("2026-01-10", -1, "2026-01-09")] // Saturday - 1 is Friday
    [InlineData("2025-12-19", 5, "2025-12-30")] // over Christmas, Boxing Day and the weekend
    [InlineData("2025-12-31", 1, "2026-01-02")] // over New Year's Day
    [InlineData("2026-04-09", -4, "2026-04-01")] // back over Easter Monday, the weekend and Good Friday
    [InlineData("2026-12-24", 1, "2026-12-29")] // Christmas Friday, Boxing Day substitute Monday
    public void AddWorkingDays_NonZero_CountsWorkingDaysOnlyAndNotTheStartDay(string from, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), calendar.AddWorkingDays(DateOnly.Parse(from), days));
    }

    [Theory]
    [InlineData("2026-01-07", "2026-01-07")] // a working day is itself
    [InlineData("2026-01-10", "2026-01-12")] // Saturday moves to Monday
    [InlineData("2026-04-03", "2026-04-07")] // Good Friday moves past Easter Monday to Tuesday
    public void AddWorkingDays_Zero_IsTheDayItselfOrTheNextWorkingDay(string from, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), calendar.AddWorkingDays(DateOnly.Parse(from), 0));
    }

    [Theory]
    [InlineData("2026-01-08", "2026-01-22", 10)]
    [InlineData("2026-01-22", "2026-01-08", -10)]
    [InlineData("2026-01-07", "2026-01-07", 0)]
    [InlineData("2025-12-31", "2026-01-08", 5)] // New Year's Day does not count
    [InlineData("2026-04-02", "2026-04-08", 2)] // two working days overdue over Easter
    [InlineData("2026-01-10", "2026-01-09", -1)] // Friday is one working day before a Saturday
    [InlineData("2026-01-09", "2026-01-10", 0)] // the weekend after a Friday adds no working day
    public void WorkingDaysBetween_TwoDates_IsTheSignedWorkingDayCount(string from, string to, int expected)
    {
        Assert.Equal(expected, calendar.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDays_GivesBackTheCountForEveryStartAndOffset()
    {
        var start = new DateOnly(2025, 12, 1);
        for (var day = 0; day < 60; day++)
        {
            var from = start.AddDays(day);
            foreach (var n in new[] { -15, -10, -3, -1, 1, 2, 5, 15 })
            {
                var to = calendar.AddWorkingDays(from, n);

                Assert.True(calendar.IsWorkingDay(to), $"{from} {n:+#;-#} gave {to}, not a working day");
                Assert.Equal(n, calendar.WorkingDaysBetween(from, to));
            }
        }
    }
}
