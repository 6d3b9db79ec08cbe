using CspBot.Core.Features.Deadlines;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Deadlines;

public class ReminderStagesTests
{
    private static ReminderStages Stages(params int[] stages) => new(
        new WorkingDayCalendar(),
        Options.Create(stages.Length == 0 ? new DeadlineOptions() : new DeadlineOptions { ReminderStages = [.. stages] }));

    private static DateOnly D(string date) => DateOnly.Parse(date);

    [Fact]
    public void All_Defaults_AreTenAndThreeBeforeDeadlineDayAndTwoAndFiveOverdue()
    {
        Assert.Equal(
            ["10 working days before the deadline", "3 working days before the deadline", "deadline day", "2 working days overdue", "5 working days overdue"],
            Stages().All.Select(s => s.Description));
        Assert.Equal(["before-10", "before-3", "deadline", "overdue-2", "overdue-5"], Stages().All.Select(s => s.Key));
    }

    [Fact]
    public void Description_OneDay_IsSingular()
    {
        Assert.Equal("1 working day before the deadline", new ReminderStage(-1).Description);
        Assert.Equal("1 working day overdue", new ReminderStage(1).Description);
    }

    [Theory]
    [InlineData("2026-04-02", 0)] // deadline day, the Thursday before Easter
    [InlineData("2026-04-08", 2)] // Good Friday and Easter Monday do not count
    [InlineData("2026-04-13", 5)]
    [InlineData("2026-03-30", -3)]
    [InlineData("2026-03-19", -10)]
    public void StageOn_AroundEaster_FallsOnTheCountedWorkingDay(string today, int expected)
    {
        Assert.Equal(new ReminderStage(expected), Stages().StageOn(D(today), D("2026-04-02")));
    }

    [Theory]
    [InlineData("2026-04-03")] // Good Friday
    [InlineData("2026-04-06")] // Easter Monday
    [InlineData("2026-04-04")] // Saturday
    [InlineData("2026-04-07")] // 1 working day overdue: not a stage
    [InlineData("2026-04-10")] // 4 working days overdue
    [InlineData("2026-04-14")] // 6 working days overdue: after the last stage
    public void StageOn_HolidayWeekendOrBetweenStages_IsNull(string today)
    {
        Assert.Null(Stages().StageOn(D(today), D("2026-04-02")));
    }

    [Fact]
    public void StageOn_BeforeADeadlineAfterTheSpringBankHoliday_SkipsTheHolidayMonday()
    {
        // Deadline Tue 26 May 2026; Mon 25 May is a bank holiday, so 3 working days before is Wed 20 May, not Thu 21.
        Assert.Equal(new ReminderStage(-3), Stages().StageOn(D("2026-05-20"), D("2026-05-26")));
        Assert.Null(Stages().StageOn(D("2026-05-21"), D("2026-05-26")));
        Assert.Equal(new ReminderStage(-10), Stages().StageOn(D("2026-05-11"), D("2026-05-26")));
    }

    [Fact]
    public void StageOn_DeadlineOnASaturday_CountsFromTheNextMonday()
    {
        var stages = Stages();

        Assert.Equal(new ReminderStage(0), stages.StageOn(D("2026-01-19"), D("2026-01-17")));
        Assert.Equal(new ReminderStage(2), stages.StageOn(D("2026-01-21"), D("2026-01-17")));
        Assert.Equal(new ReminderStage(-3), stages.StageOn(D("2026-01-14"), D("2026-01-17")));
    }

    [Fact]
    public void StageOn_EveryDayAroundADeadline_FindsEachStageOnExactlyOneDayAndOnDateOf()
    {
        var stages = Stages();
        var deadline = D("2026-01-08");
        var found = new List<(ReminderStage Stage, DateOnly Day)>();
        for (var day = D("2025-11-01"); day <= D("2026-03-01"); day = day.AddDays(1))
        {
            if (stages.StageOn(day, deadline) is { } stage)
            {
                found.Add((stage, day));
            }
        }

        Assert.Equal(stages.All, found.Select(f => f.Stage));
        Assert.All(found, f => Assert.Equal(stages.DateOf(f.Stage, deadline), f.Day));
        Assert.Equal(D("2025-12-22"), found[0].Day); // 10 before 8 Jan skips New Year's Day, Boxing Day and Christmas
    }

    [Fact]
    public void IsFinalStage_Defaults_OnlyFiveOverdue()
    {
        var stages = Stages();

        Assert.Equal([false, false, false, false, true], stages.All.Select(stages.IsFinalStage));
    }

    [Fact]
    public void StageOn_ConfiguredStages_ReplaceTheDefaults()
    {
        var stages = Stages(0, -5, -5);

        Assert.Equal([new ReminderStage(-5), new ReminderStage(0)], stages.All);
        Assert.Null(stages.StageOn(D("2026-01-05"), D("2026-01-08"))); // -3 is not configured
        Assert.True(stages.IsFinalStage(new ReminderStage(0)));
    }
}
